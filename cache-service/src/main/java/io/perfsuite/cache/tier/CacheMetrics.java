package io.perfsuite.cache.tier;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The cache's meters. Reads are counted and timed where the answering tier is known; meters are looked up once per
 * (namespace, tier, result) and kept, because a registry lookup per L1 hit costs more than the hit itself.
 */
public class CacheMetrics {

    private static final int TIERS = TieredCache.Tier.values().length;

    private final MeterRegistry registry;
    /** Per namespace, a timer per (tier, hit) at {@code 2 * tier.ordinal() + (hit ? 1 : 0)}: no key object per read. */
    private final Map<String, Timer[]> reads = new ConcurrentHashMap<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public CacheMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** One answered read: counted as a hit or miss of the tier that answered, with its latency. */
    public void read(String namespace, TieredCache.Tier tier, boolean hit, long elapsedNanos) {
        Timer[] timers = reads.computeIfAbsent(namespace, n -> new Timer[2 * TIERS]);
        int slot = 2 * tier.ordinal() + (hit ? 1 : 0);
        Timer timer = timers[slot];
        if (timer == null) {
            // two threads racing here register the same meter: the registry hands both the one instance
            timer = Timer.builder("cache.reads")
                    .description("Reads by the tier that answered them")
                    .tag("namespace", namespace)
                    .tag("tier", tier.name().toLowerCase())
                    .tag("result", hit ? "hit" : "miss")
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofNanos(20_000))
                    .maximumExpectedValue(Duration.ofSeconds(5))
                    .register(registry);
            timers[slot] = timer;
        }
        timer.record(elapsedNanos, TimeUnit.NANOSECONDS);
    }

    public void originLoad(String namespace) {
        counter("cache.origin.loads", namespace).increment();
    }

    /** A reader that missed the in-flight load by moments and took its result instead of loading again. */
    public void sharedRecentLoad(String namespace) {
        counter("cache.origin.shared", namespace).increment();
    }

    public void earlyRefresh(String namespace) {
        counter("cache.early.refreshes", namespace).increment();
    }

    /** A stale value served on purpose: {@code revalidate} (stale-while-revalidate) or {@code origin-error}. */
    public void staleServed(String namespace, String reason) {
        counters.computeIfAbsent("cache.stale.served\u0000" + namespace + '\u0000' + reason,
                k -> Counter.builder("cache.stale.served").tag("namespace", namespace).tag("reason", reason)
                        .register(registry))
                .increment();
    }

    public void warmed(String namespace, String outcome) {
        counters.computeIfAbsent("cache.warm.keys\u0000" + namespace + '\u0000' + outcome,
                k -> Counter.builder("cache.warm.keys").tag("namespace", namespace).tag("outcome", outcome)
                        .register(registry))
                .increment();
    }

    private Counter counter(String name, String namespace) {
        return counters.computeIfAbsent(name + '\u0000' + namespace,
                k -> Counter.builder(name).tag("namespace", namespace).register(registry));
    }
}
