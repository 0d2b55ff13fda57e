package io.perfsuite.cache.namespace;

/** Where a write lands. Either way Redis holds the value before the write is acknowledged. */
public enum WriteMode {
    /** Redis and this replica's L1: for data that is read soon after it is written. */
    THROUGH,
    /**
     * Redis only; L1 fills on the first read. For write-heavy data that is rarely read back, so writes do not push
     * hot entries out of L1. While Redis is down the value goes to L1 anyway, or the acknowledged write would be lost.
     */
    AROUND
}
