package io.perfsuite.router.consistency;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.perfsuite.router.consistency.WriterElection.Candidate;
import io.perfsuite.router.consistency.WriterElection.Outcome;

class WriterElectionTest {

    @Test
    void shouldElectTheOnlyNodeNotInRecovery() {
        Outcome outcome = WriterElection.elect(List.of(new Candidate("primary", true, false, 1),
                new Candidate("replica-1", true, true, 1)), 0);

        assertThat(outcome.writer()).hasValue("primary");
        assertThat(outcome.timeline()).isEqualTo(1);
    }

    @Test
    void shouldElectAPromotedReplicaWhileTheConfiguredPrimaryIsDown() {
        Outcome outcome = WriterElection.elect(List.of(new Candidate("primary", false, false, 0),
                new Candidate("replica-1", true, false, 2)), 1);

        assertThat(outcome.writer()).hasValue("replica-1");
        assertThat(outcome.timeline()).isEqualTo(2);
    }

    @Test
    void shouldPreferThePromotedReplicaOverTheOldPrimaryComingBackOnTheOldTimeline() {
        Outcome outcome = WriterElection.elect(List.of(new Candidate("primary", true, false, 1),
                new Candidate("replica-1", true, false, 2)), 2);

        assertThat(outcome.writer()).hasValue("replica-1");
    }

    @Test
    void shouldNotElectANodeLeftBehindByAFailover() {
        Outcome outcome = WriterElection.elect(List.of(new Candidate("primary", true, false, 1),
                new Candidate("replica-1", false, false, 0)), 2);

        assertThat(outcome.writer()).isEmpty();
        assertThat(outcome.reason()).contains("left behind");
    }

    @Test
    void shouldRefuseWritesWhenTwoNodesAcceptWritesOnTheSameTimeline() {
        Outcome outcome = WriterElection.elect(List.of(new Candidate("primary", true, false, 3),
                new Candidate("replica-1", true, false, 3)), 2);

        assertThat(outcome.writer()).isEmpty();
        assertThat(outcome.reason()).contains("2 nodes accept writes");
    }

    @Test
    void shouldHaveNoWriterWhileEveryNodeIsInRecovery() {
        Outcome outcome = WriterElection.elect(List.of(new Candidate("primary", true, true, 1),
                new Candidate("replica-1", true, true, 1)), 1);

        assertThat(outcome.writer()).isEmpty();
        assertThat(outcome.reason()).contains("in recovery");
    }
}
