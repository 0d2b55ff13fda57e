package io.perfsuite.cache.freshness;

import java.time.Instant;
import java.util.Objects;

import io.perfsuite.cache.entry.CacheEntry;

/**
 * The three deadlines of a new entry, as computed by {@link FreshnessPolicy}.
 *
 * @param freshUntil end of freshness
 * @param staleUntil end of the stale-while-revalidate window ({@code >= freshUntil})
 * @param staleIfErrorUntil end of the stale-if-error window ({@code >= freshUntil})
 */
public record Lifetime(Instant freshUntil, Instant staleUntil, Instant staleIfErrorUntil) {

    public Lifetime {
        Objects.requireNonNull(freshUntil, "freshUntil");
        Objects.requireNonNull(staleUntil, "staleUntil");
        Objects.requireNonNull(staleIfErrorUntil, "staleIfErrorUntil");
        if (staleUntil.isBefore(freshUntil) || staleIfErrorUntil.isBefore(freshUntil)) {
            throw new IllegalArgumentException("stale windows must not end before freshness: " + freshUntil + ", "
                    + staleUntil + ", " + staleIfErrorUntil);
        }
    }

    /** The last instant at which the entry is good for anything (the L2 expiry). */
    public Instant retainUntil() {
        return staleUntil.isAfter(staleIfErrorUntil) ? staleUntil : staleIfErrorUntil;
    }

    /** Sets all three deadlines on {@code builder}. */
    public CacheEntry.Builder applyTo(CacheEntry.Builder builder) {
        return builder.freshUntil(freshUntil).staleUntil(staleUntil).staleIfErrorUntil(staleIfErrorUntil);
    }
}
