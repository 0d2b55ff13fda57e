package io.perfsuite.loadbalancer.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.perfsuite.loadbalancer.config.RoutingFile;
import io.perfsuite.loadbalancer.endpoint.Endpoint;
import io.perfsuite.loadbalancer.proxy.ProxyServer;
import io.perfsuite.loadbalancer.route.Topology.PoolEntry;

/**
 * Ready while the proxy port is open (not draining for shutdown) and at least one pool has an endpoint it would send
 * to. A proxy with no available backend can only answer 503s, so it leaves the rotation until one returns.
 */
@Readiness
@ApplicationScoped
public class ProxyReadinessCheck implements HealthCheck {

    private final RoutingFile routing;
    private final ProxyServer proxy;

    ProxyReadinessCheck(RoutingFile routing, ProxyServer proxy) {
        this.routing = routing;
        this.proxy = proxy;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("backends");
        long available = 0;
        for (PoolEntry pool : routing.topology().pools().values()) {
            long up = pool.pool().endpoints().stream().filter(Endpoint::available).count();
            available += up;
            response.withData(pool.pool().name(), up + "/" + pool.pool().endpoints().size() + " available");
        }
        response.withData("healthy", available).withData("proxy", proxy.draining() ? "draining" : "serving");
        return response.status(available > 0 && proxy.serving()).build();
    }
}
