package io.perfsuite.router.cache.policy;

import java.time.Duration;

/** A TTL as cache-service's {@code ttl} parameter takes it: a positive whole number of milliseconds or seconds. */
public final class CacheTtl {

    private CacheTtl() {
    }

    /**
     * Whole seconds when exact, else milliseconds rounded up: rounding down would turn a TTL under a millisecond (or,
     * in seconds, one under a second) into 0, which cache-service refuses, and the result would silently not be
     * cached.
     *
     * @throws IllegalArgumentException for a zero or negative TTL
     */
    public static String wire(Duration ttl) {
        if (ttl.isZero() || ttl.isNegative()) {
            throw new IllegalArgumentException("a TTL must be positive, got " + ttl);
        }
        long millis = ttl.toMillis() + (ttl.getNano() % 1_000_000 == 0 ? 0 : 1);
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }
}
