package io.perfsuite.router.cache.policy;

import java.util.Optional;

import io.perfsuite.router.consistency.ConsistencyLevel;
import io.perfsuite.router.consistency.ConsistencyToken;
import io.perfsuite.router.consistency.Lsn;
import io.perfsuite.router.routing.Classification;

/**
 * Which requests may use the result cache, whether a cached entry answers one, and whether a result that ran may be
 * stored. What is stored under which tags, and when, is {@link CacheCoherence}'s.
 */
public final class ReadCaching {

    /** What a cached entry does for a request that found it. */
    public enum Hit {
        /** It answers the request. */
        SERVE,
        /** Its data is older than the request's token (or of another timeline): the query runs. */
        TOO_OLD,
        /**
         * It was stored for a caller with a higher row limit: this one gets what a miss would give it, a 422.
         */
        TOO_MANY_ROWS
    }

    private ReadCaching() {
    }

    /**
     * Table rules and cacheTtl apply to single-statement reads at eventual or read-your-writes consistency: bounded
     * and strong reads ask for a freshness an entry of unknown age cannot promise.
     */
    public static boolean eligible(Classification classification, ConsistencyLevel level) {
        return classification.isRead() && classification.statements() == 1
                && (level == ConsistencyLevel.EVENTUAL || level == ConsistencyLevel.READ_YOUR_WRITES);
    }

    /**
     * @param entryTimeline the timeline of the position the entry's data is at least as new as
     * @param entryLsn that position, as stored
     * @param rows the entry's rows
     */
    public static Hit onHit(int entryTimeline, String entryLsn, int rows, Optional<ConsistencyToken> token,
            int maxRows) {
        if (!covers(entryTimeline, entryLsn, token)) {
            return Hit.TOO_OLD;
        }
        return rows > maxRows ? Hit.TOO_MANY_ROWS : Hit.SERVE;
    }

    /** A read-your-writes read takes a cached result only when its data is at or past the token. */
    static boolean covers(int entryTimeline, String entryLsn, Optional<ConsistencyToken> token) {
        if (token.isEmpty()) {
            return true;
        }
        try {
            return entryTimeline == token.get().timeline() && Lsn.parse(entryLsn).isAtLeast(token.get().lsn());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * A result is stored only if the statement ran as the read it was classified as: one that wrote (or was refused
     * as a write and ran again as one) may return rows of its own making.
     */
    public static boolean mayStore(boolean misrouted, boolean wrote) {
        return !misrouted && !wrote;
    }
}
