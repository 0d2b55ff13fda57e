package io.perfsuite.loadbalancer.observability;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.perfsuite.loadbalancer.endpoint.Endpoint;
import io.perfsuite.loadbalancer.endpoint.HealthState;
import io.perfsuite.loadbalancer.route.Topology;

/**
 * Per-backend meters, tagged {@code pool} and {@code backend}: requests by status class, errors, a latency histogram
 * (buckets, not client-side percentiles, so p99 aggregates across instances), and gauges for EWMA, in-flight, health
 * and ejections read from the endpoint itself. Meters are built once per endpoint and looked up by identity on the
 * hot path; a reload that drops an endpoint removes its meters. They are registered in the Prometheus registry itself
 * (see {@code ExchangeTelemetry}), so a registry added beside it later does not see them.
 */
final class BackendMetrics {

    private final MeterRegistry registry;
    private final Map<Endpoint, Meters> meters = new ConcurrentHashMap<>();

    BackendMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(String pool, Endpoint endpoint, int status, long latencyNanos) {
        Meters m = meters.get(endpoint);
        if (m == null) {
            m = meters.computeIfAbsent(endpoint, e -> new Meters(pool, e));
        }
        m.responses[status <= 0 ? 0 : Math.min(5, status / 100)].increment();
        if (status <= 0 || status >= 500) {
            m.errors.increment();
        }
        if (latencyNanos > 0) {
            m.latency.record(latencyNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** Drops the meters of endpoints the new topology no longer has. */
    void retainOnly(Topology topology) {
        java.util.Set<Endpoint> live = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        topology.pools().values().forEach(p -> live.addAll(p.pool().endpoints()));
        meters.entrySet().removeIf(entry -> {
            if (live.contains(entry.getKey())) {
                return false;
            }
            entry.getValue().remove();
            return true;
        });
    }

    private final class Meters {
        private static final String[] CLASSES = {"failed", "1xx", "2xx", "3xx", "4xx", "5xx"};
        final Counter[] responses = new Counter[CLASSES.length];
        final Counter errors;
        final Timer latency;
        final java.util.List<Meter> all = new java.util.ArrayList<>();

        Meters(String pool, Endpoint endpoint) {
            Tags tags = Tags.of("pool", pool, "backend", endpoint.id());
            for (int i = 0; i < CLASSES.length; i++) {
                responses[i] = add(Counter.builder("lb.backend.requests").description("attempts sent to the backend")
                        .tags(tags).tag("outcome", CLASSES[i]).register(registry));
            }
            errors = add(Counter.builder("lb.backend.errors")
                    .description("attempts that failed: connect failure, reset, timeout or 5xx").tags(tags)
                    .register(registry));
            latency = add(Timer.builder("lb.backend.latency").description("time to the backend's response head")
                    .tags(tags).publishPercentileHistogram().register(registry));
            add(Gauge.builder("lb.backend.ewma", endpoint, e -> e.peakEwmaMillis() / 1000.0).baseUnit("seconds")
                    .description("peak-EWMA latency estimate").tags(tags).register(registry));
            add(Gauge.builder("lb.backend.in.flight", endpoint, Endpoint::inFlight).tags(tags).register(registry));
            add(Gauge.builder("lb.backend.healthy", endpoint, e -> e.health() == HealthState.HEALTHY ? 1 : 0)
                    .description("1 while active health checks pass").tags(tags).register(registry));
            add(Gauge.builder("lb.backend.available", endpoint, e -> e.available() ? 1 : 0)
                    .description("1 while the backend takes new requests (healthy, not ejected, not draining)")
                    .tags(tags).register(registry));
            add(FunctionCounter.builder("lb.backend.ejections", endpoint, Endpoint::totalEjections)
                    .description("outlier ejections").tags(tags).register(registry));
        }

        private <M extends Meter> M add(M meter) {
            all.add(meter);
            return meter;
        }

        void remove() {
            all.forEach(registry::remove);
        }
    }
}
