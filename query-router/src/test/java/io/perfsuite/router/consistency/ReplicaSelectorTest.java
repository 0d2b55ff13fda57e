package io.perfsuite.router.consistency;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;

class ReplicaSelectorTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final long MAX_BYTES = 16 * 1024 * 1024;

    private final ReplicaSelector selector = new ReplicaSelector(MAX_BYTES, Duration.ofSeconds(5), new Random(7));

    private static ReplicaState replica(String name, long lagMillis, int outstanding) {
        return new ReplicaState(name, true, Lsn.parse("0/5000"), 1, lagMillis == 0 ? 0 : 100, lagMillis,
                NOW.minusMillis(10), outstanding);
    }

    private RouteDecision choose(ConsistencyLevel level, List<ReplicaState> replicas) {
        return selector.choose(level, Optional.empty(), Optional.empty(), replicas, NOW);
    }

    @Test
    void shouldPickTheReplicaWithFewestOutstandingRequests() {
        RouteDecision decision = choose(ConsistencyLevel.EVENTUAL, List.of(replica("r1", 0, 5), replica("r2", 0, 2)));

        assertThat(decision.replica()).contains("r2");
    }

    @Test
    void shouldSpreadTiesOverEqualReplicas() {
        List<ReplicaState> equal = List.of(replica("r1", 0, 0), replica("r2", 0, 0));
        long toFirst = java.util.stream.IntStream.range(0, 200)
                .filter(i -> choose(ConsistencyLevel.EVENTUAL, equal).replica().orElseThrow().equals("r1")).count();

        assertThat(toFirst).isBetween(50L, 150L);
    }

    @Test
    void shouldSendEventualReadsToPrimaryWhenNoReplicaIsHealthy() {
        ReplicaState down = new ReplicaState("r1", false, Lsn.ZERO, 1, 0, 0, NOW, 0);

        assertThat(choose(ConsistencyLevel.EVENTUAL, List.of(down)).toPrimary()).isTrue();
    }

    @Test
    void shouldTakeReplicaOverTheMaximumLagOutOfRotation() {
        ReplicaState lagging = new ReplicaState("r1", true, Lsn.ZERO, 1, MAX_BYTES + 1, 10, NOW, 0);
        ReplicaState slow = replica("r2", 6_000, 0);

        assertThat(selector.inRotation(lagging)).isFalse();
        assertThat(selector.inRotation(slow)).isFalse();
        assertThat(choose(ConsistencyLevel.EVENTUAL, List.of(lagging, slow)).toPrimary()).isTrue();
    }

    @Test
    void shouldSendStrongReadsToPrimary() {
        assertThat(choose(ConsistencyLevel.STRONG, List.of(replica("r1", 0, 0))).toPrimary()).isTrue();
    }

    @Test
    void shouldSkipReplicaBeyondStalenessBound() {
        List<ReplicaState> replicas = List.of(replica("far", 900, 0), replica("near", 50, 9));

        RouteDecision decision = selector.choose(ConsistencyLevel.BOUNDED, Optional.of(Duration.ofMillis(200)),
                Optional.empty(), replicas, NOW);

        assertThat(decision.replica()).contains("near");
    }

    @Test
    void shouldCountTheSampleAgeIntoStaleness() {
        ReplicaState oldSample = new ReplicaState("r1", true, Lsn.ZERO, 1, 100, 150, NOW.minusMillis(100), 0);

        RouteDecision decision = selector.choose(ConsistencyLevel.BOUNDED, Optional.of(Duration.ofMillis(200)),
                Optional.empty(), List.of(oldSample), NOW);

        assertThat(decision.toPrimary()).isTrue();
        assertThat(decision.reason()).contains("no replica within 200 ms");
    }

    @Test
    void shouldReadYourWritesFromAReplicaThatReplayedTheToken() {
        ConsistencyToken token = ConsistencyToken.parse("1:0/5000");
        ReplicaState behind = new ReplicaState("behind", true, Lsn.parse("0/4FFF"), 1, 1, 1, NOW, 0);
        ReplicaState replayed = new ReplicaState("replayed", true, Lsn.parse("0/6000"), 1, 0, 0, NOW, 3);

        RouteDecision decision = selector.choose(ConsistencyLevel.READ_YOUR_WRITES, Optional.empty(), Optional.of(token),
                List.of(behind, replayed), NOW);

        assertThat(decision.replica()).contains("replayed");
    }

    @Test
    void shouldWaitForTheMostAdvancedReplicaWhenNoneReplayedTheToken() {
        ConsistencyToken token = ConsistencyToken.parse("1:0/9000");
        ReplicaState r1 = new ReplicaState("r1", true, Lsn.parse("0/4000"), 1, 1, 1, NOW, 0);
        ReplicaState r2 = new ReplicaState("r2", true, Lsn.parse("0/8000"), 1, 1, 1, NOW, 0);

        RouteDecision decision = selector.choose(ConsistencyLevel.READ_YOUR_WRITES, Optional.empty(), Optional.of(token),
                List.of(r1, r2), NOW);

        assertThat(decision.mustWait()).isTrue();
        assertThat(decision.waitFor()).containsExactly("r2", "r1");
    }

    @Test
    void shouldNotCompareTokenWithAReplicaOnAnotherTimeline() {
        ConsistencyToken token = ConsistencyToken.parse("2:0/1000");
        ReplicaState oldTimeline = new ReplicaState("r1", true, Lsn.parse("0/9000"), 1, 0, 0, NOW, 0);

        RouteDecision decision = selector.choose(ConsistencyLevel.READ_YOUR_WRITES, Optional.empty(), Optional.of(token),
                List.of(oldTimeline), NOW);

        assertThat(decision.toPrimary()).isTrue();
        assertThat(decision.reason()).contains("timeline 2");
    }

    @Test
    void shouldTreatReadYourWritesWithoutTokenAsEventual() {
        RouteDecision decision = selector.choose(ConsistencyLevel.READ_YOUR_WRITES, Optional.empty(), Optional.empty(),
                List.of(replica("r1", 300, 0)), NOW);

        assertThat(decision.replica()).contains("r1");
    }
}
