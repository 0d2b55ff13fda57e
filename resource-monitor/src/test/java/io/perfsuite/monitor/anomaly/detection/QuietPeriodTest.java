package io.perfsuite.monitor.anomaly.detection;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuietPeriodTest {

    @Test
    void shouldSilenceTheSameIncidentAfterADetection() {
        QuietPeriod quiet = new QuietPeriod(0.3, 3, 0);

        assertThat(quiet.apply(0.5)).isEqualTo(0.5);
        assertThat(quiet.apply(0.55)).isZero();
        assertThat(quiet.apply(0.4)).isZero();
        assertThat(quiet.apply(0.59)).isZero();
        assertThat(quiet.apply(0.45)).as("quiet period over").isEqualTo(0.45);
    }

    @Test
    void shouldStillReportAClearlyLouderPointDuringTheQuietPeriod() {
        QuietPeriod quiet = new QuietPeriod(0.3, 100, 0);

        assertThat(quiet.apply(0.32)).isEqualTo(0.32);
        assertThat(quiet.apply(0.95)).as("a borderline score must not hide a clear anomaly").isEqualTo(0.95);
        assertThat(quiet.apply(1.0)).as("not clearly louder than 0.95").isZero();
    }

    @Test
    void shouldReportOneClimbingBurstOnceAndItsPeakAfterItSettled() {
        QuietPeriod quiet = new QuietPeriod(0.3, 100, 3);

        assertThat(quiet.apply(0.41)).isEqualTo(0.41);
        assertThat(quiet.apply(0.62)).as("the same burst still climbing").isZero();
        assertThat(quiet.apply(0.91)).as("the same burst still climbing").isZero();
        assertThat(quiet.apply(0.93)).as("still within the settling points").isZero();
        assertThat(quiet.apply(0.95)).as("louder than the report once the burst settled").isEqualTo(0.95);
        assertThat(quiet.apply(0.5)).isZero();
    }

    @Test
    void shouldLeaveScoresBelowTheLevelAlone() {
        QuietPeriod quiet = new QuietPeriod(0.3, 100, 0);

        assertThat(quiet.apply(0.2)).isEqualTo(0.2);
        assertThat(quiet.apply(0.29)).isEqualTo(0.29);
    }
}
