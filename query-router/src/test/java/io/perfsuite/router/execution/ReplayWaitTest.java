package io.perfsuite.router.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class ReplayWaitTest {

    private static final long PLENTY = Duration.ofMillis(200).toNanos();

    @Test
    void shouldPauseBrieflyFirstAndDoubleUpToTwentyMilliseconds() {
        assertThat(ReplayWait.pauseAfter(0, PLENTY)).contains(Duration.ofMillis(1));
        assertThat(ReplayWait.pauseAfter(1, PLENTY)).contains(Duration.ofMillis(2));
        assertThat(ReplayWait.pauseAfter(4, PLENTY)).contains(Duration.ofMillis(16));
        assertThat(ReplayWait.pauseAfter(5, PLENTY)).contains(Duration.ofMillis(20));
        assertThat(ReplayWait.pauseAfter(40, PLENTY)).contains(Duration.ofMillis(20));
    }

    @Test
    void shouldNeverPausePastTheDeadline() {
        assertThat(ReplayWait.pauseAfter(5, Duration.ofMillis(3).toNanos())).contains(Duration.ofMillis(3));
    }

    @Test
    void shouldGiveUpOnceTheDeadlineHasPassed() {
        assertThat(ReplayWait.pauseAfter(3, 0)).isEmpty();
        assertThat(ReplayWait.pauseAfter(0, -1)).isEmpty();
    }
}
