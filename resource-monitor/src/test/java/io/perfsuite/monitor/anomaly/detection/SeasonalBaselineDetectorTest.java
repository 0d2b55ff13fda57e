package io.perfsuite.monitor.anomaly.detection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class SeasonalBaselineDetectorTest {

    private static final double THRESHOLD = Sensitivity.threshold(Sensitivity.DEFAULT);

    @Test
    void shouldFlagASpikeAgainstTheSameHourOfEarlierDays() {
        double[] values = SyntheticSeries.withSpike(SyntheticSeries.daily(3000, 21), 2600, 40);

        double[] scores = SyntheticSeries.scores(new SeasonalBaselineDetector(DetectorSettings.defaults()), values);

        assertThat(scores[2600]).isGreaterThanOrEqualTo(THRESHOLD);
    }

    @Test
    void shouldNeverFlagAFlatSeries() {
        double[] scores = SyntheticSeries.scores(new SeasonalBaselineDetector(DetectorSettings.defaults()),
                SyntheticSeries.flat(3000, 5.0));

        assertThat(Arrays.stream(scores).max().orElseThrow()).isLessThan(THRESHOLD);
    }

    @Test
    void shouldScoreAPrefixExactlyAsTheStartOfTheWholeSeries() {
        double[] values = SyntheticSeries.withSpike(SyntheticSeries.daily(1500, 4), 1000, 50);
        double[] whole = SyntheticSeries.scores(new SeasonalBaselineDetector(DetectorSettings.defaults()), values);

        double[] prefix = SyntheticSeries.scores(new SeasonalBaselineDetector(DetectorSettings.defaults()),
                Arrays.copyOf(values, 1100));

        assertThat(prefix).containsExactly(Arrays.copyOf(whole, 1100));
    }
}
