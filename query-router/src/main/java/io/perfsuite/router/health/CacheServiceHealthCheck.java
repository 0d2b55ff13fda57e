package io.perfsuite.router.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.perfsuite.router.cache.CacheServiceGuard;
import io.perfsuite.router.config.RouterConfig;

/**
 * cache-service as readiness sees it: always UP, because every query still runs without the result cache (taking
 * the router out of a Service for it would turn a slower path into an outage), with the breaker's state, the address
 * (without credentials) and the last failure in the details.
 */
@Readiness
@ApplicationScoped
public class CacheServiceHealthCheck implements HealthCheck {

    private final CacheServiceGuard guard;
    private final boolean enabled;

    CacheServiceHealthCheck(CacheServiceGuard guard, RouterConfig config) {
        this.guard = guard;
        this.enabled = config.cache().enabled();
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("cache-service").up();
        if (!enabled) {
            return response.withData("resultCache", "disabled").build();
        }
        String breaker = guard.breakerState();
        response.withData("resultCache", "closed".equals(breaker) ? "in use" : "bypassed: queries run uncached")
                .withData("url", guard.url())
                .withData("breaker", breaker);
        guard.lastFailure().ifPresent(failure -> response.withData("lastFailure", failure));
        return response.build();
    }
}
