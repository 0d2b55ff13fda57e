package io.perfsuite.router.observability;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.perfsuite.router.pg.NodeStatus;
import io.perfsuite.router.pg.ReplicaLagMonitor;
import io.quarkus.runtime.Startup;

/**
 * The router's own meters: route counts, misroutes, timeouts, latency histograms per node and kind, lag, outstanding
 * requests, breaker state, and per node pool use (in use, waiting, acquire timeouts, rejections). Vert.x's own pool
 * metrics are not per node here (they share the client name), hence the pool meters of its own. Registered at
 * start-up so the per-node series exist before the first request.
 */
@Startup
@ApplicationScoped
public class RouterMetrics {

    private final MeterRegistry registry;
    private final ReplicaLagMonitor monitor;
    private final Counter misroutes;
    /** Meters per label set, looked up once: registering on every request costs an id hash and a map lookup. */
    private final Map<RouteKey, Counter> routes = new ConcurrentHashMap<>();
    private final Map<RouteKey, Timer> durations = new ConcurrentHashMap<>();
    private final Map<String, Counter> acquireTimeouts = new ConcurrentHashMap<>();
    private final Map<String, Counter> poolRejections = new ConcurrentHashMap<>();

    RouterMetrics(MeterRegistry registry, ReplicaLagMonitor monitor) {
        this.registry = registry;
        this.monitor = monitor;
        this.misroutes = Counter.builder("router.misroutes")
                .description("statements a replica refused as writes (SQLSTATE 25006) and the primary then ran")
                .register(registry);
    }

    @PostConstruct
    void registerNodeGauges() {
        for (NodeStatus status : monitor.all()) {
            Gauge.builder("router.node.outstanding", status, NodeStatus::outstanding)
                    .description("requests running on the node").tag("node", status.name()).register(registry);
            Gauge.builder("router.node.up", status, s -> s.up() ? 1 : 0)
                    .description("1 while the node answers probes").tag("node", status.name()).register(registry);
            Gauge.builder("router.node.breaker.open", status, s -> s.breaker().allowsTraffic() ? 0 : 1)
                    .description("1 while the node's circuit breaker keeps reads away (open or half-open)")
                    .tag("node", status.name()).register(registry);
        }
        for (NodeStatus status : monitor.all()) {
            Gauge.builder("router.pool.in.use", status, NodeStatus::inUse)
                    .description("pool connections running a client statement").tag("node", status.name())
                    .register(registry);
            Gauge.builder("router.pipeline.connections", status.node().reads(), r -> r.connections())
                    .description("shared connections open for pipelined reads").tag("node", status.name())
                    .register(registry);
            Gauge.builder("router.pipeline.in.flight", status.node().reads(), r -> r.inFlight())
                    .description("reads in flight on shared connections").tag("node", status.name())
                    .register(registry);
            FunctionCounter.builder("router.pipeline.declined", status.node().reads(), r -> r.declined())
                    .description("reads given a connection of their own because every shared one was busy or stalled")
                    .tag("node", status.name()).register(registry);
            FunctionCounter.builder("router.pipeline.retirements", status.node().reads(), r -> r.retirements())
                    .description("shared connections closed under their statements (a timeout, a dropped connection)")
                    .tag("node", status.name()).register(registry);
            FunctionCounter.builder("router.pipeline.reruns", status.node().reads(), r -> r.reruns())
                    .description("reads run again on a connection of their own after their shared one was retired")
                    .tag("node", status.name()).register(registry);
            FunctionCounter.builder("router.pipeline.unconsolidated", status.node().reads(), r -> r.unconsolidated())
                    .description("shared connections writing each statement on its own (no flush consolidation)")
                    .tag("node", status.name()).register(registry);
            Gauge.builder("router.pool.waiting", status, NodeStatus::waiting)
                    .description("requests waiting for a pool connection").tag("node", status.name()).register(registry);
            acquireTimeouts.put(status.name(), Counter.builder("router.pool.acquire.timeouts")
                    .description("requests refused because no pool connection was free within router.pool.acquire-timeout")
                    .tag("node", status.name()).register(registry));
            poolRejections.put(status.name(), Counter.builder("router.pool.rejections")
                    .description("requests refused because the pool's wait queue was full")
                    .tag("node", status.name()).register(registry));
        }
        // every node: after a failover the configured primary can come back as a standby
        for (NodeStatus status : monitor.all()) {
            Gauge.builder("router.replica.lag.bytes", status, NodeStatus::lagBytes)
                    .description("WAL written on the primary not yet replayed").baseUnit("bytes")
                    .tag("node", status.name()).register(registry);
            Gauge.builder("router.replica.lag.seconds", status, s -> s.lagMillis() / 1000.0)
                    .description("upper bound on the age of the oldest unreplayed change")
                    .tag("node", status.name()).register(registry);
        }
    }

    /**
     * Takes this instance's meters out of the registry. The registry outlives the application when it restarts in
     * the same JVM (dev mode, tests), and a re-registered gauge would otherwise be the old one, still reading the
     * previous instance's nodes until they are collected, and then nothing.
     */
    @PreDestroy
    void removeMeters() {
        List.copyOf(registry.getMeters()).stream().filter(meter -> meter.getId().getName().startsWith("router."))
                .forEach(registry::remove);
    }

    /** A label set; its strings are the callers' constants, so hashing it concatenates nothing. */
    private record RouteKey(String node, String target, String kind) {
    }

    /** @param kind read or write; @param target primary or replica, where the classifier sent it */
    public void routed(String node, String target, String kind, Duration duration) {
        routes.computeIfAbsent(new RouteKey(node, target, kind), ignored -> Counter.builder("router.routes")
                .description("statements run, by node, target and kind")
                .tag("node", node).tag("target", target).tag("kind", kind).register(registry)).increment();
        durations.computeIfAbsent(new RouteKey(node, "", kind), ignored -> Timer.builder("router.query.duration")
                .description("time from request to result")
                .publishPercentileHistogram().tag("node", node).tag("kind", kind)
                .register(registry)).record(duration);
    }

    /** @param timedOut true for an acquire timeout, false for a full wait queue */
    public void poolExhausted(String node, boolean timedOut) {
        Counter counter = (timedOut ? acquireTimeouts : poolRejections).get(node);
        if (counter != null) {
            counter.increment();
        }
    }

    public void misrouted() {
        misroutes.increment();
    }

    public void timedOut(String node) {
        Counter.builder("router.statement.timeouts").description("statements cancelled at their timeoutMs")
                .tag("node", node).register(registry).increment();
    }

    public void fellBackToPrimary(String why) {
        Counter.builder("router.primary.fallbacks").description("reads sent to the primary for lack of a replica")
                .tag("why", why).register(registry).increment();
    }
}
