package io.perfsuite.cache.tiering;

import io.perfsuite.cache.freshness.Freshness;

/** What a read does with a current entry it read from L2 (its tags already checked). */
public enum L2Decision {
    /** Fresh: answer, and fill L1. */
    SERVE_AND_FILL,
    /** Inside stale-while-revalidate of a read-through namespace: answer, fill L1, refresh in the background. */
    SERVE_STALE_FILL_AND_REFRESH,
    /** Too old to serve: load from the origin (the entry is the stale answer if the origin fails). */
    LOAD;

    public static L2Decision forEntry(Freshness.State state, boolean readThrough) {
        if (state == Freshness.State.FRESH) {
            return SERVE_AND_FILL;
        }
        if (state == Freshness.State.STALE_SERVABLE_REVALIDATE && readThrough) {
            return SERVE_STALE_FILL_AND_REFRESH;
        }
        return LOAD;
    }

    /**
     * Whether an L1 copy kept for an outage answers once Redis is found unreachable: only a fresh value, never a
     * remembered 404 (the origin is asked instead, and may have the value by now).
     */
    public static boolean outageFallbackServes(boolean negative, Freshness.State state) {
        return !negative && state == Freshness.State.FRESH;
    }

    /** Whether a copy kept as the stale answer is served when the origin load fails: any copy not yet expired. */
    public static boolean staleAnswersOriginFailure(Freshness.State state) {
        return state != Freshness.State.EXPIRED;
    }

    /** Whether warm start copies an entry read from L2 into L1: only a current, fresh one (never via the origin). */
    public static boolean warms(boolean tagsCurrent, Freshness.State state) {
        return tagsCurrent && state == Freshness.State.FRESH;
    }
}
