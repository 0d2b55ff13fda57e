package io.perfsuite.autoscaler.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.perfsuite.testsupport.MutableClock;

class BehaviorTest {

    private static final MetricRule RPS = new MetricRule("rps", TargetType.AVERAGE_VALUE, 100);
    private static final Duration TICK = Duration.ofSeconds(15);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));

    private ScalingDecider decider(Behavior behavior) {
        return new ScalingDecider(PolicyRules.hpa(1, 100, List.of(RPS)).withBehavior(behavior), clock);
    }

    private static Observation rps(int current, double value) {
        return new Observation(current, Map.of("rps", value));
    }

    @Test
    void shouldHoldScaleDownForTheDefaultFiveMinuteWindowThenFollowTheMetric() {
        ScalingDecider decider = decider(Behavior.hpaDefault());
        assertThat(decider.decide(rps(10, 1000)).to()).isEqualTo(10);

        for (int i = 0; i < 19; i++) {
            clock.advance(TICK);
            ScalingDecision held = decider.decide(rps(10, 300));
            assertThat(held.to()).as("after %d s", (i + 1) * 15).isEqualTo(10);
            assertThat(held.reason()).isEqualTo(Reason.SCALE_DOWN_STABILIZATION);
        }
        clock.advance(TICK);

        assertThat(decider.decide(rps(10, 300)).to()).isEqualTo(3);
    }

    @Test
    void shouldScaleDownToTheHighestRecommendationInTheWindow() {
        ScalingDecider decider = decider(Behavior.hpaDefault());
        decider.decide(rps(10, 1000));
        clock.advance(Duration.ofSeconds(200));
        decider.decide(rps(10, 600));
        clock.advance(Duration.ofSeconds(150));

        ScalingDecision decision = decider.decide(rps(10, 300));

        assertThat(decision.to()).isEqualTo(6);
    }

    @Test
    void shouldLimitDefaultScaleUpToTheLargerOfDoublingAndFourPods() {
        ScalingDecider decider = decider(Behavior.hpaDefault());

        ScalingDecision first = decider.decide(rps(2, 2000));
        assertThat(first.to()).isEqualTo(6);
        assertThat(first.reason()).isEqualTo(Reason.RATE_LIMITED);

        clock.advance(Duration.ofSeconds(5));
        assertThat(decider.decide(rps(6, 2000)).to()).as("same period: +4 pods already used").isEqualTo(6);

        clock.advance(Duration.ofSeconds(11));
        assertThat(decider.decide(rps(6, 2000)).to()).as("next period doubles").isEqualTo(12);
    }

    @Test
    void shouldTakeTheSmallerLimitWithSelectMin() {
        ScalingRules up = new ScalingRules(Duration.ZERO, ScalingRules.Select.MIN,
                List.of(RatePolicy.percent(100, TICK), RatePolicy.pods(4, TICK)));
        ScalingDecider decider = decider(new Behavior(up, ScalingRules.defaultScaleDown()));

        assertThat(decider.decide(rps(10, 5000)).to()).isEqualTo(14);
    }

    @Test
    void shouldNeverScaleUpWhenScaleUpIsDisabled() {
        ScalingRules up = new ScalingRules(Duration.ZERO, ScalingRules.Select.DISABLED, List.of());
        ScalingDecision decision = decider(new Behavior(up, ScalingRules.defaultScaleDown())).decide(rps(3, 900));

        assertThat(decision.to()).isEqualTo(3);
        assertThat(decision.reason()).isEqualTo(Reason.DIRECTION_DISABLED);
    }

    @Test
    void shouldLimitScaleDownByPodsPerPeriod() {
        ScalingRules down = new ScalingRules(Duration.ZERO, ScalingRules.Select.MAX,
                List.of(RatePolicy.pods(2, Duration.ofMinutes(1))));
        ScalingDecider decider = decider(new Behavior(ScalingRules.defaultScaleUp(), down));

        assertThat(decider.decide(rps(10, 100)).to()).isEqualTo(8);
        clock.advance(Duration.ofSeconds(30));
        assertThat(decider.decide(rps(8, 100)).to()).as("2 pods already removed this minute").isEqualTo(8);
        clock.advance(Duration.ofSeconds(31));
        assertThat(decider.decide(rps(8, 100)).to()).isEqualTo(6);
    }

    @Test
    void shouldIgnoreAOneEvaluationSpikeWithAScaleUpWindow() {
        ScalingRules up = new ScalingRules(Duration.ofSeconds(60), ScalingRules.Select.MAX,
                List.of(RatePolicy.percent(100, TICK)));
        ScalingDecider decider = decider(new Behavior(up, ScalingRules.defaultScaleDown()));
        decider.decide(rps(4, 400));
        clock.advance(TICK);

        ScalingDecision spike = decider.decide(rps(4, 800));

        assertThat(spike.to()).isEqualTo(4);
        assertThat(spike.reason()).isEqualTo(Reason.SCALE_UP_STABILIZATION);
    }

    @Test
    void shouldScaleUpOnceTheWholeScaleUpWindowAgrees() {
        ScalingRules up = new ScalingRules(Duration.ofSeconds(30), ScalingRules.Select.MAX,
                List.of(RatePolicy.percent(100, TICK)));
        ScalingDecider decider = decider(new Behavior(up, ScalingRules.defaultScaleDown()));
        decider.decide(rps(4, 400));
        for (int i = 0; i < 2; i++) {
            clock.advance(TICK);
            decider.decide(rps(4, 800));
        }
        clock.advance(TICK);

        assertThat(decider.decide(rps(4, 800)).to()).isEqualTo(8);
    }
}
