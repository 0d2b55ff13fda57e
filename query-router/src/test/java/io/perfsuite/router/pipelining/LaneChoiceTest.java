package io.perfsuite.router.pipelining;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LaneChoiceTest {

    private static final int DEPTH = 8;
    private static final long STALL = 20_000_000L;

    @Test
    void shouldOpenTheFirstLane() {
        assertThat(LaneChoice.choose(new int[0], new long[0], 2, DEPTH, STALL)).isEqualTo(LaneChoice.OPEN);
    }

    @Test
    void shouldTakeAnIdleLaneBeforeOpeningAnother() {
        assertThat(LaneChoice.choose(new int[]{3, 0}, new long[]{1_000, 0}, 4, DEPTH, STALL)).isEqualTo(1);
    }

    @Test
    void shouldOpenAnotherLaneWhileEveryOpenOneIsBusyAndTheLimitAllows() {
        assertThat(LaneChoice.choose(new int[]{1}, new long[]{1_000}, 2, DEPTH, STALL)).isEqualTo(LaneChoice.OPEN);
    }

    @Test
    void shouldPipelineOnTheLeastBusyLaneOnceTheLimitIsReached() {
        assertThat(LaneChoice.choose(new int[]{5, 2, 4}, new long[]{1_000, 1_000, 1_000}, 3, DEPTH, STALL))
                .isEqualTo(1);
    }

    @Test
    void shouldSkipALaneStalledBehindASlowStatement() {
        // the least busy lane has a statement running for longer than the stall bound
        assertThat(LaneChoice.choose(new int[]{1, 6}, new long[]{STALL, 1_000}, 2, DEPTH, STALL)).isEqualTo(1);
    }

    @Test
    void shouldSkipAFullLane() {
        assertThat(LaneChoice.choose(new int[]{DEPTH, 7}, new long[]{1_000, 1_000}, 2, DEPTH, STALL)).isEqualTo(1);
    }

    @Test
    void shouldDeclineWhenEveryLaneIsFullOrStalled() {
        assertThat(LaneChoice.choose(new int[]{DEPTH, 1}, new long[]{1_000, STALL + 1}, 2, DEPTH, STALL))
                .isEqualTo(LaneChoice.DECLINE);
    }

    @Test
    void shouldDeclineEverythingWhenSharingIsOff() {
        assertThat(LaneChoice.choose(new int[0], new long[0], 0, DEPTH, STALL)).isEqualTo(LaneChoice.DECLINE);
    }
}
