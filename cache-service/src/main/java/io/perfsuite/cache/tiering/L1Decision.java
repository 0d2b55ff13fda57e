package io.perfsuite.cache.tiering;

import io.perfsuite.cache.freshness.Freshness;

/**
 * What a read does with the copy it found in L1. L1 is trusted alone only while every invalidation stream is up
 * ({@code coherent}); otherwise L2 decides, and the copy is kept only to answer if Redis turns out to be unreachable
 * too, because then nothing can change the data through Redis.
 */
public enum L1Decision {
    /** Fresh and current: answer from L1. */
    SERVE,
    /** Stale but inside stale-while-revalidate of a read-through namespace: answer, and refresh in the background. */
    SERVE_STALE_AND_REFRESH,
    /** A remembered origin 404 that is still fresh: answer a miss from L1. */
    NEGATIVE_HIT,
    /** A tag moved on since the copy was stored: drop it and read L2. */
    DROP_AND_READ_L2,
    /** Not servable from L1 as it is: read L2, offering the copy as the stale answer if the origin fails. */
    READ_L2_WITH_STALE,
    /** Read L2, and L2 only (nothing in L1 worth keeping: an expired negative entry). */
    READ_L2,
    /** L1 may have missed invalidations: L2 decides; the copy answers only if Redis is unreachable. */
    READ_L2_WITH_OUTAGE_FALLBACK;

    /**
     * Whether L1 may decide at all, before its tags are checked: false sends the read to L2 with the copy as the
     * outage fallback ({@link #READ_L2_WITH_OUTAGE_FALLBACK}).
     */
    public static boolean trusted(boolean coherent, boolean redisAvailable) {
        return coherent || !redisAvailable;
    }

    /**
     * The decision for a copy L1 may decide on.
     *
     * @param tagsCurrent every tag the copy was stored with still has the version it saw
     * @param negative the copy is a remembered origin 404
     * @param state the copy's freshness now
     * @param readThrough the namespace loads misses from an origin
     */
    public static L1Decision forCopy(boolean tagsCurrent, boolean negative, Freshness.State state, boolean readThrough) {
        if (!tagsCurrent) {
            return DROP_AND_READ_L2;
        }
        if (negative) {
            return state == Freshness.State.FRESH ? NEGATIVE_HIT : READ_L2;
        }
        if (state == Freshness.State.FRESH) {
            return SERVE;
        }
        if (state == Freshness.State.STALE_SERVABLE_REVALIDATE && readThrough) {
            return SERVE_STALE_AND_REFRESH;
        }
        return READ_L2_WITH_STALE;
    }

    /**
     * The fast path's test, free of allocation: a copy that is served at once when L1 is trusted, holds no tag (or
     * only tags known current) and is fresh. Anything else takes the long way, which decides with {@link #forCopy}.
     */
    public static boolean servesAtOnce(boolean coherent, boolean negative, boolean tagsKnownCurrent,
            Freshness.State state) {
        return coherent && !negative && tagsKnownCurrent && state == Freshness.State.FRESH;
    }
}
