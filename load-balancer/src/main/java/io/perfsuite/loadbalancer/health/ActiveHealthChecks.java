package io.perfsuite.loadbalancer.health;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.perfsuite.loadbalancer.config.ProxySettings.HealthCheckSettings;
import io.perfsuite.loadbalancer.config.RoutingFile;
import io.perfsuite.loadbalancer.endpoint.Endpoint;
import io.perfsuite.loadbalancer.route.Topology;
import io.perfsuite.loadbalancer.route.Topology.PoolEntry;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.tracing.TracingPolicy;

/**
 * Probes every endpoint of every pool that has a health check (path, interval, timeout, expected status) and feeds
 * the verdicts to {@link Endpoint#recordHealthCheck}, where the fall/rise thresholds decide. Timers are re-planned
 * when a reload changes the topology.
 */
@ApplicationScoped
public class ActiveHealthChecks {

    private final Vertx vertx;
    private final RoutingFile routing;
    private final HttpClient client;
    private final List<Long> timers = new ArrayList<>();
    private final Map<String, String> lastResults = new ConcurrentHashMap<>();

    ActiveHealthChecks(Vertx vertx, RoutingFile routing) {
        this.vertx = vertx;
        this.routing = routing;
        // probes get their own client so they never queue behind proxied traffic, and one connection per probe so a
        // probe also tests that the backend accepts connections
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false)
                .setTracingPolicy(TracingPolicy.IGNORE));
    }

    void start(@Observes StartupEvent event) {
        plan(routing.topology());
        routing.store().onChange(this::plan);
    }

    private synchronized void plan(Topology topology) {
        timers.forEach(vertx::cancelTimer);
        timers.clear();
        for (PoolEntry pool : topology.pools().values()) {
            HealthCheckSettings check = pool.settings().healthCheck();
            if (check.enabled()) {
                probeAll(pool, check);
                timers.add(vertx.setPeriodic(check.interval().toMillis(), id -> probeAll(pool, check)));
            }
        }
    }

    private void probeAll(PoolEntry pool, HealthCheckSettings check) {
        for (Endpoint endpoint : pool.pool().endpoints()) {
            probe(pool.pool().name(), endpoint, check);
        }
    }

    private void probe(String pool, Endpoint endpoint, HealthCheckSettings check) {
        int port = endpoint.uri().getPort() > 0
                ? endpoint.uri().getPort()
                : "https".equals(endpoint.uri().getScheme()) ? 443 : 80;
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost(endpoint.uri().getHost())
                .setPort(port).setSsl("https".equals(endpoint.uri().getScheme())).setURI(check.path())
                .setConnectTimeout(check.timeout().toMillis()).setIdleTimeout(check.timeout().toMillis());
        String key = pool + "/" + endpoint.id();
        client.request(options)
                .compose(request -> request.send())
                .compose(response -> response.body().map(body -> response.statusCode()))
                .onComplete(result -> {
                    boolean passed = result.succeeded() && result.result() == check.expectedStatus();
                    endpoint.recordHealthCheck(passed);
                    lastResults.put(key, result.succeeded()
                            ? "HTTP " + result.result()
                            : String.valueOf(result.cause().getMessage()));
                });
    }

    /** The last probe's outcome for an endpoint ({@code HTTP 200}, or why it failed), null before the first. */
    public String lastResult(String pool, String endpointId) {
        return lastResults.get(pool + "/" + endpointId);
    }

    @PreDestroy
    synchronized void stop() {
        timers.forEach(vertx::cancelTimer);
        client.close();
    }
}
