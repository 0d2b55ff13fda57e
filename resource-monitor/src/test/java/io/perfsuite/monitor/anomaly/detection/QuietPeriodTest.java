package io.perfsuite.monitor.anomaly.detection;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuietPeriodTest {

    @Test
    void shouldSilenceTheSameIncidentAfterADetection() {
        QuietPeriod quiet = new QuietPeriod(0.3, 3, 0, 60);

        assertThat(quiet.apply(0.5)).isEqualTo(0.5);
        assertThat(quiet.apply(0.55)).isZero();
        assertThat(quiet.apply(0.4)).isZero();
        assertThat(quiet.apply(0.59)).isZero();
        assertThat(quiet.apply(0.45)).as("quiet period over").isEqualTo(0.45);
    }

    @Test
    void shouldStillReportAClearlyLouderPointDuringTheQuietPeriod() {
        QuietPeriod quiet = new QuietPeriod(0.3, 100, 0, 60);

        assertThat(quiet.apply(0.32)).isEqualTo(0.32);
        assertThat(quiet.apply(0.95)).as("a borderline score must not hide a clear anomaly").isEqualTo(0.95);
        assertThat(quiet.apply(1.0)).as("not clearly louder than 0.95").isZero();
    }

    @Test
    void shouldReportOneClimbingBurstOnceAndItsPeakAfterItSettled() {
        QuietPeriod quiet = new QuietPeriod(0.3, 100, 3, 60);

        assertThat(quiet.apply(0.41)).isEqualTo(0.41);
        assertThat(quiet.apply(0.62)).as("the same burst still climbing").isZero();
        assertThat(quiet.apply(0.91)).as("the same burst still climbing").isZero();
        assertThat(quiet.apply(0.93)).as("still within the settling points").isZero();
        assertThat(quiet.apply(0.95)).as("louder than the report once the burst settled").isEqualTo(0.95);
        assertThat(quiet.apply(0.5)).isZero();
    }

    @Test
    void shouldLeaveScoresBelowTheLevelAlone() {
        QuietPeriod quiet = new QuietPeriod(0.3, 100, 0, 60);

        assertThat(quiet.apply(0.2)).isEqualTo(0.2);
        assertThat(quiet.apply(0.29)).isEqualTo(0.29);
    }

    @Test
    void shouldReportANewIncidentOnceTheLastOneHasCalmedDown() {
        QuietPeriod quiet = new QuietPeriod(0.3, 300, 3, 5);

        assertThat(quiet.apply(1.0)).isEqualTo(1.0);
        for (int i = 0; i < 4; i++) {
            assertThat(quiet.apply(0.05)).isZero();
        }
        assertThat(quiet.apply(0.05)).as("the fifth calm point ends the quiet period").isEqualTo(0.05);
        assertThat(quiet.apply(0.6)).as("a new incident, though quieter than the first and within 300 points")
                .isEqualTo(0.6);
    }

    @Test
    void shouldKeepOneIncidentQuietWhileItsScoresReturnBeforeItCalmedDown() {
        QuietPeriod quiet = new QuietPeriod(0.3, 300, 3, 5);

        assertThat(quiet.apply(1.0)).isEqualTo(1.0);
        for (int i = 0; i < 4; i++) {
            quiet.apply(0.05);
        }
        assertThat(quiet.apply(0.5)).as("back above the level after 4 calm points: the same incident").isZero();
        for (int i = 0; i < 4; i++) {
            quiet.apply(0.05);
        }
        assertThat(quiet.apply(0.6)).as("the calm count started again at the 0.5").isZero();
    }

    @Test
    void shouldCountAnIncidentOverAfterTheCalmPointsOfItsSettings() {
        int calmPoints = 60;
        QuietPeriod early = new QuietPeriod(0.3, 300, 3, calmPoints);
        QuietPeriod over = new QuietPeriod(0.3, 300, 3, calmPoints);
        early.apply(1.0);
        over.apply(1.0);
        for (int i = 0; i < calmPoints - 1; i++) {
            early.apply(0.05);
            over.apply(0.05);
        }
        over.apply(0.05);

        assertThat(early.apply(0.6)).isZero();
        assertThat(over.apply(0.6)).isEqualTo(0.6);
    }
}
