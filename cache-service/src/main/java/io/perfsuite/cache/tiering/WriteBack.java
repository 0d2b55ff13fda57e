package io.perfsuite.cache.tiering;

import io.perfsuite.cache.namespace.WriteMode;

/** What this replica's L1 keeps of its own write, once Redis has answered (or failed to). */
public enum WriteBack {
    /** Redis was unreachable: only L1 holds the value (flushed when Redis is back; see README, Redis down). */
    KEEP_LOCALLY,
    /** Write-through with every invalidation stream up: the value enters L1 unless an invalidation raced it. */
    FILL_OWN_WRITE,
    /** Write-around, or L1 not trusted now: L1 holds nothing for the key, the next read fills it from L2. */
    DROP;

    public static WriteBack after(boolean degraded, WriteMode mode, boolean coherent) {
        if (degraded) {
            return KEEP_LOCALLY;
        }
        return mode == WriteMode.THROUGH && coherent ? FILL_OWN_WRITE : DROP;
    }

    /** Whether a value read from L2 or the origin may be filled into L1 (the epoch check comes on top). */
    public static boolean fillsAfterRead(boolean coherent) {
        return coherent;
    }
}
