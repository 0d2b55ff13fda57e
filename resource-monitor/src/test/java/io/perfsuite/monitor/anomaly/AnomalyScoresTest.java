package io.perfsuite.monitor.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.perfsuite.monitor.anomaly.detection.DetectorSettings;
import io.perfsuite.monitor.anomaly.detection.Sensitivity;
import io.perfsuite.monitor.anomaly.detection.SyntheticSeries;

class AnomalyScoresTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private AnomalyScores scores(int maxSeries) {
        return new AnomalyScores(registry, maxSeries, DetectorSettings.defaults());
    }

    private Gauge gauge(String series) {
        return registry.find(AnomalyScores.METRIC).tag("series", series).gauge();
    }

    @Test
    void shouldPublishEachSeriesScoreAsAGaugeWithItsLabels() {
        AnomalyScores scores = scores(10);
        double[] values = SyntheticSeries.withSpike(SyntheticSeries.daily(1500, 1), 1400, 80);

        double last = 0;
        for (int i = 0; i <= 1400; i++) {
            last = scores.observe("cpu-anomaly/web-1", Map.of("rule", "cpu-anomaly", "instance", "web-1"),
                    SyntheticSeries.at(i), values[i]);
        }

        assertThat(AnomalyScores.isAnomalous(last, 0.5)).isTrue();
        Gauge g = registry.find(AnomalyScores.METRIC).tags("rule", "cpu-anomaly", "instance", "web-1").gauge();
        assertThat(g).isNotNull();
        assertThat(g.value()).isEqualTo(last);
        assertThat(gauge("cpu-anomaly/web-1")).isNotNull();
    }

    @Test
    void shouldKeepOneDetectorPerSeries() {
        AnomalyScores scores = scores(10);
        double[] calm = SyntheticSeries.daily(1500, 2);
        double[] spiky = SyntheticSeries.withSpike(calm, 1400, 80);

        for (int i = 0; i <= 1400; i++) {
            scores.observe("a", Map.of(), SyntheticSeries.at(i), calm[i]);
            scores.observe("b", Map.of(), SyntheticSeries.at(i), spiky[i]);
        }

        assertThat(gauge("a").value()).isLessThan(Sensitivity.TUNED_THRESHOLD);
        assertThat(gauge("b").value()).isGreaterThanOrEqualTo(Sensitivity.TUNED_THRESHOLD);
    }

    @Test
    void shouldIgnoreASampleThatDoesNotMoveTimeForward() {
        AnomalyScores scores = scores(10);
        double[] values = SyntheticSeries.daily(1000, 3);
        for (int i = 0; i < 1000; i++) {
            scores.observe("s", Map.of(), SyntheticSeries.at(i), values[i]);
        }
        double before = gauge("s").value();

        double again = scores.observe("s", Map.of(), SyntheticSeries.at(999), 1e9);
        double nan = scores.observe("s", Map.of(), SyntheticSeries.at(1000), Double.NaN);

        assertThat(again).isEqualTo(before);
        assertThat(nan).isEqualTo(before);
        // the detector did not see the huge value: the next ordinary sample still scores low
        assertThat(scores.observe("s", Map.of(), SyntheticSeries.at(1001), values[999]))
                .isLessThan(Sensitivity.TUNED_THRESHOLD);
    }

    @Test
    void shouldForgetTheStalestSeriesWhenTheCapIsReached() {
        AnomalyScores scores = scores(2);
        scores.observe("gone-pod", Map.of(), SyntheticSeries.at(0), 1);
        scores.observe("live-pod", Map.of(), SyntheticSeries.at(0), 1);
        scores.observe("live-pod", Map.of(), SyntheticSeries.at(1), 1);

        scores.observe("new-pod", Map.of(), SyntheticSeries.at(1), 1);

        assertThat(scores.watched()).containsExactlyInAnyOrder("live-pod", "new-pod");
        assertThat(gauge("gone-pod")).isNull();
        assertThat(gauge("new-pod")).isNotNull();
    }

    @Test
    void shouldDropTheGaugeOfAForgottenSeries() {
        AnomalyScores scores = scores(10);
        scores.observe("a", Map.of(), SyntheticSeries.at(0), 1);
        scores.observe("b", Map.of(), SyntheticSeries.at(0), 1);

        scores.forget("a");

        assertThat(gauge("a")).isNull();
        assertThat(scores.watched()).containsExactly("b");
    }
}
