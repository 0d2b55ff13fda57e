package io.perfsuite.autoscaler.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.perfsuite.testsupport.MutableClock;

/** "When CPU &gt; 70 % for 2 minutes, double; when CPU &lt; 30 % for 10 minutes, halve; 5 minutes cooldown." */
class StepRuleTest {

    private static final Duration TICK = Duration.ofSeconds(15);
    private static final StepRule DOUBLE = new StepRule("cpu", StepRule.Comparison.ABOVE, 70, Duration.ofMinutes(2),
            new StepRule.Change(StepRule.Change.Kind.MULTIPLY, 2));
    private static final StepRule HALVE = new StepRule("cpu", StepRule.Comparison.BELOW, 30, Duration.ofMinutes(10),
            new StepRule.Change(StepRule.Change.Kind.MULTIPLY, 0.5));

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
    private final ScalingDecider decider = new ScalingDecider(
            PolicyRules.hpa(1, 50, List.of(MetricRule.withoutTarget("cpu")))
                    .withStepRules(List.of(DOUBLE, HALVE), Duration.ofMinutes(5)),
            clock);

    private ScalingDecision cpu(int current, double value) {
        return decider.decide(new Observation(current, Map.of("cpu", value)));
    }

    private ScalingDecision holdCpuFor(int current, double value, Duration duration) {
        ScalingDecision last = null;
        for (long s = 0; s < duration.toSeconds(); s += TICK.toSeconds()) {
            last = cpu(current, value);
            assertThat(last.to()).as("before the rule's duration has passed").isEqualTo(current);
            clock.advance(TICK);
        }
        return last;
    }

    @Test
    void shouldDoubleAfterCpuStaysAboveThresholdForTwoMinutes() {
        holdCpuFor(4, 85, Duration.ofMinutes(2));

        ScalingDecision decision = cpu(4, 85);

        assertThat(decision.to()).isEqualTo(8);
        assertThat(decision.reason()).isEqualTo(Reason.STEP_RULE);
        assertThat(decision.rule()).contains("cpu > 70");
    }

    @Test
    void shouldRestartTheDurationWhenTheConditionBreaks() {
        holdCpuFor(4, 85, Duration.ofSeconds(90));
        cpu(4, 50);
        clock.advance(TICK);
        holdCpuFor(4, 85, Duration.ofSeconds(105));

        assertThat(cpu(4, 85).to()).as("only 105 s since the break").isEqualTo(4);
    }

    @Test
    void shouldNotFireAgainDuringCooldown() {
        holdCpuFor(4, 85, Duration.ofMinutes(2));
        assertThat(cpu(4, 85).to()).isEqualTo(8);
        clock.advance(TICK);

        holdCpuFor(8, 85, Duration.ofMinutes(4));
        assertThat(cpu(8, 85).to()).as("4 min after firing, inside the 5 min cooldown").isEqualTo(8);
        clock.advance(Duration.ofMinutes(1));

        assertThat(cpu(8, 85).to()).as("cooldown over and the condition held throughout").isEqualTo(16);
    }

    @Test
    void shouldHalveAfterTenMinutesBelowThresholdWithoutWaitingForTheStabilizationWindow() {
        holdCpuFor(8, 10, Duration.ofMinutes(10));

        ScalingDecision decision = cpu(8, 10);

        assertThat(decision.to()).isEqualTo(4);
        assertThat(decision.reason()).isEqualTo(Reason.STEP_RULE);
    }

    @Test
    void shouldNotFireOnMissingData() {
        holdCpuFor(4, 85, Duration.ofSeconds(105));
        decider.decide(new Observation(4, Map.of()));
        clock.advance(TICK);

        assertThat(cpu(4, 85).to()).isEqualTo(4);
    }
}
