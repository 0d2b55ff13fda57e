package io.perfsuite.router.consistency;

import java.time.Instant;

/**
 * The router's latest view of one replica.
 *
 * @param healthy the last probe answered and the node is in recovery (a standby)
 * @param replayLsn the last WAL position it had replayed at {@code sampledAt}
 * @param timeline the timeline it replays
 * @param lagBytes WAL the primary had written that it had not replayed
 * @param lagMillis time since the last replayed commit, zero when it had replayed everything
 * @param sampledAt when those numbers were read
 * @param outstanding requests running on it now
 */
public record ReplicaState(String name, boolean healthy, Lsn replayLsn, int timeline, long lagBytes, long lagMillis,
        Instant sampledAt, int outstanding) {
}
