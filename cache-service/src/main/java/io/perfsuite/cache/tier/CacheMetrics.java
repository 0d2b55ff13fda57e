package io.perfsuite.cache.tier;

import io.micrometer.core.instrument.MeterRegistry;

/** Counters the tiers report; request-level hit/miss counting is done where the tier of an answer is known. */
public class CacheMetrics {

    private final MeterRegistry registry;

    public CacheMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void lookup(String namespace, String tier, boolean hit) {
        registry.counter("cache.lookups", "namespace", namespace, "tier", tier, "result", hit ? "hit" : "miss").increment();
    }

    public void originLoad(String namespace) {
        registry.counter("cache.origin.loads", "namespace", namespace).increment();
    }

    /** A reader that missed the in-flight load by moments and took its result instead of loading again. */
    public void sharedRecentLoad(String namespace) {
        registry.counter("cache.origin.shared", "namespace", namespace).increment();
    }

    public void earlyRefresh(String namespace) {
        registry.counter("cache.early.refreshes", "namespace", namespace).increment();
    }

    public void staleIfError(String namespace) {
        registry.counter("cache.stale.served", "namespace", namespace, "reason", "origin-error").increment();
    }
}
