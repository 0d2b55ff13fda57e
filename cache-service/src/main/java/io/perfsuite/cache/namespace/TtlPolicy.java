package io.perfsuite.cache.namespace;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A namespace's TTL rules: the TTL used when a writer asks for none, and a hard cap on any requested TTL.
 *
 * @param defaultTtl used when no TTL is requested; positive and at most {@code maxTtl}
 * @param maxTtl upper bound for every TTL in the namespace; positive
 */
public record TtlPolicy(Duration defaultTtl, Duration maxTtl) {

    public TtlPolicy {
        Objects.requireNonNull(defaultTtl, "defaultTtl");
        Objects.requireNonNull(maxTtl, "maxTtl");
        requirePositive("defaultTtl", defaultTtl);
        requirePositive("maxTtl", maxTtl);
        if (defaultTtl.compareTo(maxTtl) > 0) {
            throw new IllegalArgumentException(
                    "defaultTtl " + defaultTtl + " must not exceed maxTtl " + maxTtl);
        }
    }

    /** The TTL to apply: the requested one (or the default) capped at {@code maxTtl}. */
    public Duration effective(Optional<Duration> requested) {
        Duration ttl = requested.orElse(defaultTtl);
        requirePositive("ttl", ttl);
        return cap(ttl);
    }

    /** {@code d} capped at {@code maxTtl}. */
    public Duration cap(Duration d) {
        return d.compareTo(maxTtl) > 0 ? maxTtl : d;
    }

    private static void requirePositive(String name, Duration d) {
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive but was " + d);
        }
    }
}
