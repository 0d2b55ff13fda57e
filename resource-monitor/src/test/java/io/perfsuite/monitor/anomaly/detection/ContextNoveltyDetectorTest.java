package io.perfsuite.monitor.anomaly.detection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class ContextNoveltyDetectorTest {

    private static final double THRESHOLD = Sensitivity.threshold(Sensitivity.DEFAULT);

    private static ContextNoveltyDetector detector() {
        return new ContextNoveltyDetector(DetectorSettings.defaults());
    }

    @Test
    void shouldFlagAnObviousSpikeOnTheDailyWave() {
        double[] values = SyntheticSeries.withSpike(SyntheticSeries.daily(3000, 7), 2500, 80);

        double[] scores = SyntheticSeries.scores(detector(), values);

        assertThat(scores[2500]).isGreaterThanOrEqualTo(THRESHOLD);
        assertThat(Arrays.stream(scores, 0, 2500).filter(s -> s >= THRESHOLD).count())
                .as("detections before the spike").isLessThanOrEqualTo(3);
    }

    @Test
    void shouldNeverFlagAFlatSeries() {
        double[] scores = SyntheticSeries.scores(detector(), SyntheticSeries.flat(3000, 42.0));

        assertThat(Arrays.stream(scores).max().orElseThrow()).isLessThan(THRESHOLD);
    }

    @Test
    void shouldFlagALevelShiftOnAFlatSeries() {
        double[] values = SyntheticSeries.flat(2000, 10.0);
        Arrays.fill(values, 1500, 2000, 12.0);

        double[] scores = SyntheticSeries.scores(detector(), values);

        assertThat(scores[1500]).isGreaterThanOrEqualTo(THRESHOLD);
    }

    @Test
    void shouldScoreAPrefixExactlyAsTheStartOfTheWholeSeries() {
        double[] values = SyntheticSeries.withSpike(SyntheticSeries.daily(2000, 3), 1200, 60);
        double[] whole = SyntheticSeries.scores(detector(), values);

        double[] prefix = SyntheticSeries.scores(detector(), Arrays.copyOf(values, 1300));

        assertThat(prefix).containsExactly(Arrays.copyOf(whole, 1300));
    }

    @Test
    void shouldAnswerZeroWhileLearningTheRange() {
        DetectorSettings settings = DetectorSettings.defaults();
        double[] values = SyntheticSeries.withSpike(SyntheticSeries.daily(settings.learningPoints(), 1), 100, 500);

        double[] scores = SyntheticSeries.scores(new ContextNoveltyDetector(settings), values);

        assertThat(scores).containsOnly(0.0);
    }

    @Test
    void shouldReportOneIncidentOnceThenStayQuiet() {
        double[] values = SyntheticSeries.daily(3000, 11);
        for (int i = 2500; i < 2520; i++) {
            values[i] += 80;
        }

        double[] scores = SyntheticSeries.scores(detector(), values);

        long detections = Arrays.stream(scores, 2500, 2500 + DetectorSettings.defaults().suppressPoints())
                .filter(s -> s >= THRESHOLD).count();
        assertThat(scores[2500]).isGreaterThanOrEqualTo(THRESHOLD);
        assertThat(detections).isEqualTo(1);
    }

    @Test
    void shouldFlagASecondIncidentThatComesWithinTheQuietPeriodAfterTheFirstCalmedDown() {
        DetectorSettings d = DetectorSettings.defaults();
        DetectorSettings longQuiet = new DetectorSettings(d.learningPoints(), d.bins(), d.historyPoints(),
                d.recentPoints(), d.suppressAbove(), 400, d.extremeScale(), d.slotSeconds(), d.maxContexts(),
                d.spreadBlend(), d.calmPoints());
        double[] values = SyntheticSeries.withSpike(SyntheticSeries.withSpike(SyntheticSeries.daily(3000, 11), 2300, 80),
                2500, -80);

        double[] scores = SyntheticSeries.scores(new ContextNoveltyDetector(longQuiet), values);

        assertThat(Arrays.stream(scores, 2300, 2304).max().orElseThrow()).as("the first spike, loud enough that"
                + " nothing could be louder by the quiet period's margin").isGreaterThan(0.9);
        assertThat(Arrays.stream(scores, 2500, 2504).max().orElseThrow())
                .as("the second spike, 200 points into a 400-point quiet period, is a new incident")
                .isGreaterThanOrEqualTo(THRESHOLD);
    }

    @Test
    void shouldKeepScoresWithinZeroAndOne() {
        double[] values = SyntheticSeries.daily(4000, 5);
        for (int i = 1000; i < 4000; i += 97) {
            values[i] *= -30;
        }

        double[] scores = SyntheticSeries.scores(detector(), values);

        assertThat(Arrays.stream(scores).min().orElseThrow()).isGreaterThanOrEqualTo(0.0);
        assertThat(Arrays.stream(scores).max().orElseThrow()).isLessThanOrEqualTo(1.0);
    }

    @Test
    void shouldForgetRareContextsOnceItsMemoryIsFull() {
        DetectorSettings d = DetectorSettings.defaults();
        DetectorSettings small = new DetectorSettings(d.learningPoints(), d.bins(), d.historyPoints(), d.recentPoints(),
                d.suppressAbove(), d.suppressPoints(), d.extremeScale(), d.slotSeconds(), 50, d.spreadBlend(),
                d.calmPoints());
        java.util.Random random = new java.util.Random(9);
        ContextNoveltyDetector detector = new ContextNoveltyDetector(small);

        // random walk: new contexts all the time; the detector must keep working within its bound
        double v = 0;
        for (int i = 0; i < 20_000; i++) {
            v += random.nextGaussian();
            assertThat(detector.score(SyntheticSeries.at(i), v)).isBetween(0.0, 1.0);
        }
        assertThat(detector.contextsRemembered()).isLessThanOrEqualTo(50);
    }
}
