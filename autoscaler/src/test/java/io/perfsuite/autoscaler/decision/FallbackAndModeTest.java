package io.perfsuite.autoscaler.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.perfsuite.testsupport.MutableClock;

class FallbackAndModeTest {

    private static final MetricRule RPS = new MetricRule("rps", TargetType.AVERAGE_VALUE, 100);
    private static final Observation NOTHING = new Observation(4, Map.of());

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));

    private ScalingDecider decider(PolicyRules rules) {
        return new ScalingDecider(rules, clock);
    }

    @Test
    void shouldHoldWhileMetricsAreMissingBelowTheThreshold() {
        ScalingDecider decider = decider(
                PolicyRules.hpa(1, 20, List.of(RPS)).withFallback(new FallbackSettings(3, 10)));

        for (int i = 1; i <= 2; i++) {
            ScalingDecision decision = decider.decide(NOTHING);
            assertThat(decision.to()).isEqualTo(4);
            assertThat(decision.reason()).isEqualTo(Reason.METRICS_UNAVAILABLE_HOLD);
            assertThat(decision.metricsAvailable()).isFalse();
            assertThat(decision.failedEvaluations()).isEqualTo(i);
            clock.advance(Duration.ofSeconds(15));
        }
    }

    @Test
    void shouldGoToFallbackReplicasAfterNFailedEvaluations() {
        ScalingDecider decider = decider(
                PolicyRules.hpa(1, 20, List.of(RPS)).withFallback(new FallbackSettings(3, 8)));
        decider.decide(NOTHING);
        decider.decide(NOTHING);

        ScalingDecision third = decider.decide(NOTHING);

        assertThat(third.to()).isEqualTo(8);
        assertThat(third.reason()).isEqualTo(Reason.FALLBACK);
    }

    @Test
    void shouldNeverScaleDownToAFallbackBelowCurrent() {
        ScalingDecider decider = decider(PolicyRules.hpa(1, 20, List.of(RPS)).withFallback(new FallbackSettings(1, 2)));

        ScalingDecision decision = decider.decide(new Observation(7, Map.of()));

        assertThat(decision.to()).isEqualTo(7);
    }

    @Test
    void shouldResetTheFailureCountOnceAMetricIsBack() {
        ScalingDecider decider = decider(PolicyRules.hpa(1, 20, List.of(RPS)).withFallback(new FallbackSettings(2, 9)));
        decider.decide(NOTHING);
        decider.decide(new Observation(4, Map.of("rps", 400.0)));

        ScalingDecision decision = decider.decide(NOTHING);

        assertThat(decision.failedEvaluations()).isEqualTo(1);
        assertThat(decision.to()).isEqualTo(4);
    }

    @Test
    void shouldReportButNotApplyInRecommendMode() {
        ScalingDecider decider = decider(PolicyRules.hpa(1, 20, List.of(RPS)).withMode(Mode.RECOMMEND, null));

        ScalingDecision decision = decider.decide(new Observation(4, Map.of("rps", 800.0)));

        assertThat(decision.apply()).isFalse();
        assertThat(decision.to()).isEqualTo(4);
        assertThat(decision.recommendation()).isEqualTo(8);
        assertThat(decision.reason()).isEqualTo(Reason.METRIC);
        assertThat(decision.message()).startsWith("recommend only");
    }

    @Test
    void shouldHoldCurrentWhenPausedWithoutACount() {
        ScalingDecider decider = decider(PolicyRules.hpa(1, 20, List.of(RPS)).withMode(Mode.PAUSED, null));

        ScalingDecision decision = decider.decide(new Observation(4, Map.of("rps", 800.0)));

        assertThat(decision.apply()).isFalse();
        assertThat(decision.to()).isEqualTo(4);
        assertThat(decision.recommendation()).isEqualTo(8);
        assertThat(decision.reason()).isEqualTo(Reason.PAUSED);
    }

    @Test
    void shouldMoveToThePausedCountWhenPausedWithOne() {
        ScalingDecider decider = decider(PolicyRules.hpa(1, 20, List.of(RPS)).withMode(Mode.PAUSED, 2));

        ScalingDecision decision = decider.decide(new Observation(4, Map.of("rps", 800.0)));

        assertThat(decision.apply()).isTrue();
        assertThat(decision.to()).isEqualTo(2);
    }

    @Test
    void shouldExplainTheDecisionWithTimeFromToAndInputs() {
        ScalingDecider decider = decider(PolicyRules.hpa(1, 20, List.of(RPS)));

        ScalingDecision decision = decider.decide(new Observation(4, Map.of("rps", 800.0)));

        assertThat(decision.time()).isEqualTo(clock.instant());
        assertThat(decision.from()).isEqualTo(4);
        assertThat(decision.to()).isEqualTo(8);
        assertThat(decision.message()).contains("rps", "800", "100");
        assertThat(decision.metrics()).containsEntry("rps", 800.0);
    }
}
