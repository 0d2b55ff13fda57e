package io.perfsuite.router.consistency;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * Picks the node for a read from the replicas' sampled state. A replica is in rotation while healthy and within the
 * configured maximum lag; among the eligible ones the one with the fewest outstanding requests wins (ties broken at
 * random so equal replicas share the load).
 */
public final class ReplicaSelector {

    private final long maxLagBytes;
    private final Duration maxLag;
    private final RandomGenerator random;

    public ReplicaSelector(long maxLagBytes, Duration maxLag, RandomGenerator random) {
        this.maxLagBytes = maxLagBytes;
        this.maxLag = maxLag;
        this.random = random;
    }

    /** In rotation: healthy and within the configured maximum lag in bytes and time. */
    public boolean inRotation(ReplicaState replica) {
        return replica.healthy() && replica.lagBytes() <= maxLagBytes && replica.lagMillis() <= maxLag.toMillis();
    }

    /**
     * @param maxStaleness for {@link ConsistencyLevel#BOUNDED}
     * @param token for {@link ConsistencyLevel#READ_YOUR_WRITES}; without one the read has nothing to wait for
     * @param now to age the samples: a sample 80 ms old showing 50 ms lag means up to 130 ms staleness now
     */
    public RouteDecision choose(ConsistencyLevel level, Optional<Duration> maxStaleness,
            Optional<ConsistencyToken> token, List<ReplicaState> replicas, Instant now) {
        List<ReplicaState> rotation = rotation(replicas);
        return switch (level) {
            case STRONG -> RouteDecision.primary("strong consistency reads the primary");
            case EVENTUAL -> leastLoaded(rotation, "eventual: least outstanding requests",
                    "eventual: no replica in rotation");
            case BOUNDED -> bounded(rotation, maxStaleness.orElse(maxLag), now);
            case READ_YOUR_WRITES -> token.isEmpty()
                    ? leastLoaded(rotation, "read-your-writes without a token: least outstanding requests",
                            "read-your-writes without a token: no replica in rotation")
                    : readYourWrites(rotation, token.get());
        };
    }

    // loops rather than streams here and in leastLoaded: this runs for every read
    private List<ReplicaState> rotation(List<ReplicaState> replicas) {
        List<ReplicaState> rotation = new ArrayList<>(replicas.size());
        for (ReplicaState replica : replicas) {
            if (inRotation(replica)) {
                rotation.add(replica);
            }
        }
        return rotation;
    }

    private RouteDecision bounded(List<ReplicaState> rotation, Duration bound, Instant now) {
        List<ReplicaState> fresh = rotation.stream()
                .filter(replica -> staleness(replica, now).compareTo(bound) <= 0)
                .toList();
        return leastLoaded(fresh, "bounded: within " + bound.toMillis() + " ms",
                "bounded: no replica within " + bound.toMillis() + " ms");
    }

    /** The worst case now: the lag seen at the sample, plus the time since, when it was behind at all. */
    static Duration staleness(ReplicaState replica, Instant now) {
        if (replica.lagBytes() == 0 && replica.lagMillis() == 0) {
            // caught up at the sample; it may have fallen behind since by at most the sample's age
            return Duration.between(replica.sampledAt(), now).isNegative()
                    ? Duration.ZERO
                    : Duration.between(replica.sampledAt(), now);
        }
        Duration age = Duration.between(replica.sampledAt(), now);
        return Duration.ofMillis(replica.lagMillis()).plus(age.isNegative() ? Duration.ZERO : age);
    }

    private RouteDecision readYourWrites(List<ReplicaState> rotation, ConsistencyToken token) {
        List<ReplicaState> sameTimeline = rotation.stream().filter(r -> r.timeline() == token.timeline()).toList();
        if (sameTimeline.isEmpty()) {
            return RouteDecision.primary(rotation.isEmpty()
                    ? "read-your-writes: no replica in rotation"
                    : "read-your-writes: no replica on timeline " + token.timeline());
        }
        List<ReplicaState> replayed = sameTimeline.stream().filter(r -> r.replayLsn().isAtLeast(token.lsn())).toList();
        if (!replayed.isEmpty()) {
            return leastLoaded(replayed, "read-your-writes: replayed " + token.lsn(), "unreachable");
        }
        List<String> candidates = sameTimeline.stream()
                .sorted(Comparator.comparing(ReplicaState::replayLsn).reversed())
                .map(ReplicaState::name)
                .collect(Collectors.toList());
        return RouteDecision.waitFor(candidates, "read-your-writes: waiting for a replica to replay " + token.lsn());
    }

    private RouteDecision leastLoaded(List<ReplicaState> eligible, String reason, String noneReason) {
        if (eligible.isEmpty()) {
            return RouteDecision.primary(noneReason);
        }
        ReplicaState chosen = null;
        int least = Integer.MAX_VALUE;
        int ties = 0;
        for (ReplicaState replica : eligible) {
            int outstanding = replica.outstanding();
            if (outstanding < least) {
                chosen = replica;
                least = outstanding;
                ties = 1;
            } else if (outstanding == least && random.nextInt(++ties) == 0) {
                // the k-th of k tied replicas replaces the choice with probability 1/k: each tie equally likely
                chosen = replica;
            }
        }
        return RouteDecision.replica(chosen.name(), reason);
    }
}
