package io.perfsuite.autoscaler.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.perfsuite.testsupport.MutableClock;

class HpaFormulaTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));

    private ScalingDecider decider(MetricRule... metrics) {
        return new ScalingDecider(PolicyRules.hpa(1, 100, List.of(metrics)), clock);
    }

    @Test
    void shouldDivideTotalByPerReplicaTargetForAverageValue() {
        ScalingDecision decision = decider(new MetricRule("rps", TargetType.AVERAGE_VALUE, 100))
                .decide(new Observation(5, Map.of("rps", 900.0)));

        assertThat(decision.to()).isEqualTo(9);
        assertThat(decision.apply()).isTrue();
        assertThat(decision.reason()).isEqualTo(Reason.METRIC);
        assertThat(decision.rule()).isEqualTo("rps");
        assertThat(decision.metrics()).containsEntry("rps", 900.0);
    }

    @Test
    void shouldScaleWithRatioForValueTarget() {
        ScalingDecision decision = decider(new MetricRule("queue", TargetType.VALUE, 50))
                .decide(new Observation(2, Map.of("queue", 100.0)));

        assertThat(decision.to()).isEqualTo(4);
    }

    @Test
    void shouldScaleWithRatioForUtilizationTarget() {
        ScalingDecision decision = decider(new MetricRule("cpu", TargetType.UTILIZATION, 60))
                .decide(new Observation(4, Map.of("cpu", 90.0)));

        assertThat(decision.to()).isEqualTo(6);
    }

    @Test
    void shouldHoldWithinTenPercentTolerance() {
        ScalingDecision decision = decider(new MetricRule("rps", TargetType.AVERAGE_VALUE, 100))
                .decide(new Observation(10, Map.of("rps", 1090.0)));

        assertThat(decision.to()).isEqualTo(10);
        assertThat(decision.apply()).isFalse();
        assertThat(decision.reason()).isEqualTo(Reason.WITHIN_TOLERANCE);
    }

    @Test
    void shouldScaleJustOutsideTolerance() {
        ScalingDecision decision = decider(new MetricRule("rps", TargetType.AVERAGE_VALUE, 100))
                .decide(new Observation(10, Map.of("rps", 1120.0)));

        assertThat(decision.to()).isEqualTo(12);
    }

    @Test
    void shouldLetTheLargestRecommendationWinAcrossMetrics() {
        ScalingDecision decision = decider(new MetricRule("cpu", TargetType.UTILIZATION, 50),
                new MetricRule("rps", TargetType.AVERAGE_VALUE, 100))
                .decide(new Observation(4, Map.of("cpu", 75.0, "rps", 700.0)));

        assertThat(decision.to()).isEqualTo(7);
        assertThat(decision.rule()).isEqualTo("rps");
    }

    @Test
    void shouldNotScaleDownWhenAnotherMetricIsWithinTolerance() {
        ScalingDecision decision = decider(new MetricRule("cpu", TargetType.UTILIZATION, 50),
                new MetricRule("rps", TargetType.AVERAGE_VALUE, 100))
                .decide(new Observation(4, Map.of("cpu", 52.0, "rps", 100.0)));

        assertThat(decision.to()).isEqualTo(4);
        assertThat(decision.reason()).isEqualTo(Reason.WITHIN_TOLERANCE);
    }

    @Test
    void shouldNotScaleDownWhileATargetedMetricIsMissing() {
        ScalingDecision decision = decider(new MetricRule("cpu", TargetType.UTILIZATION, 50),
                new MetricRule("rps", TargetType.AVERAGE_VALUE, 100))
                .decide(new Observation(8, Map.of("rps", 100.0)));

        assertThat(decision.to()).isEqualTo(8);
        assertThat(decision.reason()).isEqualTo(Reason.MISSING_METRICS_HOLD);
    }

    @Test
    void shouldStillScaleUpOnTheMetricsItHasWhenOneIsMissing() {
        ScalingDecision decision = decider(new MetricRule("cpu", TargetType.UTILIZATION, 50),
                new MetricRule("rps", TargetType.AVERAGE_VALUE, 100))
                .decide(new Observation(4, Map.of("rps", 600.0)));

        assertThat(decision.to()).isEqualTo(6);
    }
}
