package io.perfsuite.router.cache;

import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.perfsuite.router.config.RouterConfig;
import io.perfsuite.router.redaction.Credentials;
import io.quarkus.runtime.Startup;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.Uni;

/**
 * Every call to cache-service goes through one SmallRye Fault Tolerance guard: a timeout
 * ({@code router.cache.timeout}), a bulkhead, and a circuit breaker over the latest calls. While the breaker is open
 * calls fail at once, so a slow or dead cache-service costs at most one timeout per {@code router.cache.breaker.delay}
 * (the trial call), not one per request. Answers below 500 (a 404 is a miss) are not failures.
 * <p>
 * PostgreSQL nodes keep their own breaker ({@code breaker.CircuitBreaker}): there the lag probes are the trial calls
 * and client statements never are, trips back off exponentially, and an open breaker routes reads elsewhere instead
 * of failing them, none of which a call-wrapping breaker does.
 */
@Startup
@ApplicationScoped
public class CacheServiceGuard {

    static final String NAME = "cache-service";
    private static final TypeLiteral<Uni<String>> TEXT = new TypeLiteral<>() {
    };
    private static final TypeLiteral<Uni<Response>> RESPONSE = new TypeLiteral<>() {
    };

    private final Guard guard;
    private final String url;
    private volatile String lastFailure;

    CacheServiceGuard(RouterConfig config, MeterRegistry registry,
            @ConfigProperty(name = "quarkus.rest-client.cache-service.url") Optional<String> url) {
        RouterConfig.CacheBreaker breaker = config.cache().breaker();
        RouterConfig.CacheBulkhead bulkhead = config.cache().bulkhead();
        this.url = Credentials.redact(url.orElse("(not configured)"));
        this.guard = Guard.create()
                .withDescription(NAME)
                .withTimeout().duration(config.cache().timeout().toMillis(), ChronoUnit.MILLIS).done()
                .withCircuitBreaker().name(NAME)
                .requestVolumeThreshold(breaker.requestVolumeThreshold())
                .failureRatio(breaker.failureRatio())
                .delay(breaker.delay().toMillis(), ChronoUnit.MILLIS)
                .successThreshold(breaker.successThreshold())
                .when(CacheServiceGuard::isFailure)
                .done()
                .withBulkhead().limit(bulkhead.limit()).queueSize(bulkhead.queueSize()).done()
                .build();
        // SmallRye's own ft_* series carry method="cache-service"; this one reads at a glance
        Gauge.builder("router.cache.service.breaker.open", this, g -> "closed".equals(g.breakerState()) ? 0 : 1)
                .description("1 while the breaker around cache-service turns calls away (open or half-open)")
                .register(registry);
    }

    /** A failure of cache-service itself: no answer in time, no connection, a 5xx; not a miss or a refusal. */
    static boolean isFailure(Throwable failure) {
        return !(failure instanceof WebApplicationException web && web.getResponse().getStatus() < 500);
    }

    public Uni<String> text(Supplier<Uni<String>> call) {
        return guarded(call, TEXT);
    }

    public Uni<Response> response(Supplier<Uni<Response>> call) {
        return guarded(call, RESPONSE);
    }

    private <T> Uni<T> guarded(Supplier<Uni<T>> call, TypeLiteral<Uni<T>> type) {
        return guard.get(call, type).onFailure(CacheServiceGuard::isFailure).invoke(failure -> lastFailure = Credentials
                .redact(failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage()));
    }

    /** {@code closed}, {@code open} or {@code half-open}. */
    public String breakerState() {
        CircuitBreakerState state = CircuitBreakerMaintenance.get().currentState(NAME);
        return switch (state) {
            case CLOSED -> "closed";
            case OPEN -> "open";
            case HALF_OPEN -> "half-open";
        };
    }

    /** cache-service's address without credentials. */
    public String url() {
        return url;
    }

    public Optional<String> lastFailure() {
        return Optional.ofNullable(lastFailure);
    }
}
