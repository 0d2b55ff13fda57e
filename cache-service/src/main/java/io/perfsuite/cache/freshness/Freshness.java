package io.perfsuite.cache.freshness;

import java.time.Instant;

import io.perfsuite.cache.entry.CacheEntry;

/** Classifies an entry at an instant. Every window is half-open: an entry is fresh strictly before {@code freshUntil}. */
public final class Freshness {

    public enum State {
        /** Serve it; no origin contact needed (XFetch may still refresh early). */
        FRESH,
        /** Serve it and refresh in the background (stale-while-revalidate). */
        STALE_SERVABLE_REVALIDATE,
        /** Must load from the origin; serve this only if that load fails (stale-if-error). */
        STALE_ONLY_ON_ERROR,
        /** Useless: treat as a miss. */
        EXPIRED;

        /** Whether the entry may answer a request without waiting for the origin. */
        public boolean servableWithoutOrigin() {
            return this == FRESH || this == STALE_SERVABLE_REVALIDATE;
        }
    }

    private Freshness() {
    }

    public static State of(CacheEntry e, Instant now) {
        if (now.isBefore(e.freshUntil())) {
            return State.FRESH;
        }
        if (now.isBefore(e.staleUntil())) {
            return State.STALE_SERVABLE_REVALIDATE;
        }
        if (now.isBefore(e.staleIfErrorUntil())) {
            return State.STALE_ONLY_ON_ERROR;
        }
        return State.EXPIRED;
    }
}
