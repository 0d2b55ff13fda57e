package io.perfsuite.cache.freshness;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import io.perfsuite.cache.namespace.TtlPolicy;

/**
 * Builds the {@link Lifetime} of a new entry from a namespace's settings and, for read-through loads, the origin's
 * {@code Cache-Control}.
 * <p>
 * Rules: the origin's {@code s-maxage}/{@code max-age}, {@code stale-while-revalidate} and {@code stale-if-error} win
 * over the namespace defaults; each of the three durations is capped <b>separately</b> at the namespace's max TTL (so
 * an entry is kept at most {@code 2 * maxTtl} in total). {@code must-revalidate}/{@code proxy-revalidate} drops the
 * namespace's default stale windows but keeps stale windows the origin grants explicitly, since those are the
 * origin's own, more specific consent.
 */
public final class FreshnessPolicy {

    private final TtlPolicy ttl;
    private final Duration staleWhileRevalidate;
    private final Duration staleIfError;

    /**
     * @param ttl the namespace's default TTL and cap
     * @param staleWhileRevalidate default stale-while-revalidate window; {@link Duration#ZERO} for none
     * @param staleIfError default stale-if-error window; {@link Duration#ZERO} for none
     */
    public FreshnessPolicy(TtlPolicy ttl, Duration staleWhileRevalidate, Duration staleIfError) {
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.staleWhileRevalidate = requireNotNegative("staleWhileRevalidate", staleWhileRevalidate);
        this.staleIfError = requireNotNegative("staleIfError", staleIfError);
    }

    public TtlPolicy ttlPolicy() {
        return ttl;
    }

    /** Lifetime of a value written by a client (PUT), with an optional requested TTL. */
    public Lifetime forWrite(Instant now, Optional<Duration> requestedTtl) {
        return lifetime(now, ttl.effective(requestedTtl), ttl.cap(staleWhileRevalidate), ttl.cap(staleIfError));
    }

    /**
     * Lifetime of a value loaded from the origin, or empty if it must not be cached: the response is not
     * {@link CacheControl#storable() storable}, or it would be expired the moment it is stored (e.g. {@code max-age=0}
     * without any stale window).
     */
    public Optional<Lifetime> forOriginResponse(Instant now, CacheControl origin) {
        if (!origin.storable()) {
            return Optional.empty();
        }
        Duration fresh = origin.maxAge().map(ttl::cap).orElse(ttl.defaultTtl());
        Duration swr = origin.staleWhileRevalidate()
                .orElse(origin.mustRevalidate() ? Duration.ZERO : staleWhileRevalidate);
        Duration sie = origin.staleIfError().orElse(origin.mustRevalidate() ? Duration.ZERO : staleIfError);
        if (fresh.isZero() && swr.isZero() && sie.isZero()) {
            return Optional.empty();
        }
        return Optional.of(lifetime(now, fresh, ttl.cap(swr), ttl.cap(sie)));
    }

    private static Lifetime lifetime(Instant now, Duration fresh, Duration swr, Duration sie) {
        Instant freshUntil = now.plus(fresh);
        return new Lifetime(freshUntil, freshUntil.plus(swr), freshUntil.plus(sie));
    }

    private static Duration requireNotNegative(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative but was " + d);
        }
        return d;
    }
}
