package io.perfsuite.cache.tiering;

/**
 * Whether a replica should receive traffic, from what it can still serve. A Redis outage is not a reason to leave
 * the rotation: every replica loses Redis at once, so a readiness that followed Redis would take the whole Service
 * out while each replica could still answer from its L1 (and read-through namespaces from their origin). Only a
 * replica that has never reached Redis and has no origin has nothing to serve.
 *
 * @param ready whether to stay in (or join) the rotation
 * @param degraded whether it serves less than the full cache (Redis unreachable, or L1 bypassed)
 * @param serving what answers reads right now, for operators
 */
public record ServingReadiness(boolean ready, boolean degraded, String serving) {

    /**
     * @param redisAnswers whether Redis answered its last health probe
     * @param coherent whether every invalidation stream is up, so L1 may be served
     * @param everCoherent whether L1 has been trusted at least once since start (so it may hold values)
     * @param anyReadThrough whether some namespace can load from an origin without Redis
     */
    public static ServingReadiness of(boolean redisAnswers, boolean coherent, boolean everCoherent,
            boolean anyReadThrough) {
        if (redisAnswers && coherent) {
            return new ServingReadiness(true, false, "L1 and L2");
        }
        if (redisAnswers) {
            return new ServingReadiness(true, true, "L2 (L1 bypassed until the invalidation streams are back)");
        }
        if (everCoherent || anyReadThrough) {
            return new ServingReadiness(true, true, "L1 and origins only (Redis unreachable)");
        }
        return new ServingReadiness(false, true, "nothing yet (Redis never reached since start)");
    }
}
