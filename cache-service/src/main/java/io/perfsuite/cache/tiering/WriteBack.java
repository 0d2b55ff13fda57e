package io.perfsuite.cache.tiering;

import io.perfsuite.cache.namespace.WriteMode;

/**
 * What this replica's L1 keeps of its own write once Redis has stored it. A write Redis did not store is refused, not
 * kept in L1 alone: it would be undone when Redis comes back with the old value (see README, Redis down).
 */
public enum WriteBack {
    /** Write-through with every invalidation stream up: the value enters L1 unless an invalidation raced it. */
    FILL_OWN_WRITE,
    /** Write-around, or L1 not trusted now: L1 holds nothing for the key, the next read fills it from L2. */
    DROP;

    public static WriteBack after(WriteMode mode, boolean coherent) {
        return mode == WriteMode.THROUGH && coherent ? FILL_OWN_WRITE : DROP;
    }

    /** Whether a value read from L2 or the origin may be filled into L1 (the epoch check comes on top). */
    public static boolean fillsAfterRead(boolean coherent) {
        return coherent;
    }
}
