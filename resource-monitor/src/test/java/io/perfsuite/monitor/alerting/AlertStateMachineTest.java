package io.perfsuite.monitor.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** What promtool cannot show: resolved alerts (not in ALERTS) and the error case. */
class AlertStateMachineTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final AlertRule rule = new AlertRule("High", "x > 1", Duration.ofMinutes(1), Duration.ZERO,
            Map.of("severity", "warning"), Map.of("summary", "{{ $labels.instance }} is {{ $value }}"), "t.yml:1");

    @Test
    void shouldKeepResolvedAlertFifteenMinutesThenDropIt() {
        AlertStateMachine machine = new AlertStateMachine(rule);
        machine.evaluate(T0, List.of(sample("a", 2)));
        machine.evaluate(T0.plusSeconds(60), List.of(sample("a", 3)));

        List<Alert> resolved = machine.evaluate(T0.plusSeconds(120), List.of());
        assertThat(resolved).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo(AlertState.INACTIVE);
            assertThat(a.resolvedAt()).isEqualTo(T0.plusSeconds(120));
            assertThat(a.firedAt()).isEqualTo(T0.plusSeconds(60));
            assertThat(a.annotations()).containsEntry("summary", "a is 3");
        });
        assertThat(machine.evaluate(T0.plusSeconds(120 + 900), List.of())).as("exactly 15 min: still kept").hasSize(1);
        assertThat(machine.evaluate(T0.plusSeconds(120 + 901), List.of())).as("past 15 min: dropped").isEmpty();
    }

    @Test
    void shouldStartPendingAgainWhenResolvedLabelSetReturns() {
        AlertStateMachine machine = new AlertStateMachine(rule);
        machine.evaluate(T0, List.of(sample("a", 2)));
        machine.evaluate(T0.plusSeconds(60), List.of(sample("a", 2)));
        machine.evaluate(T0.plusSeconds(120), List.of());

        List<Alert> back = machine.evaluate(T0.plusSeconds(180), List.of(sample("a", 2)));

        assertThat(back).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo(AlertState.PENDING);
            assertThat(a.activeAt()).isEqualTo(T0.plusSeconds(180));
            assertThat(a.resolvedAt()).isNull();
        });
    }

    @Test
    void shouldRejectResultWithDuplicateAlertLabelsAndKeepState() {
        AlertRule overwriting = new AlertRule("High", "x > 1", Duration.ZERO, Duration.ZERO, Map.of("instance", "same"),
                Map.of(), "t.yml:1");
        AlertStateMachine machine = new AlertStateMachine(overwriting);
        machine.evaluate(T0, List.of(sample("a", 2)));

        assertThatThrownBy(() -> machine.evaluate(T0.plusSeconds(60), List.of(sample("a", 2), sample("b", 2))))
                .isInstanceOf(AlertStateMachine.DuplicateLabelSetException.class)
                .hasMessageContaining("same labelset");
        assertThat(machine.alerts()).singleElement().satisfies(a -> assertThat(a.activeAt()).isEqualTo(T0));
    }

    @Test
    void shouldRestoreActiveAtSoARestartDoesNotWaitForAgain() {
        AlertStateMachine before = new AlertStateMachine(rule);
        before.evaluate(T0, List.of(sample("a", 2)));
        List<Alert> saved = before.alerts();

        AlertStateMachine after = new AlertStateMachine(rule);
        after.restore(saved);

        assertThat(after.evaluate(T0.plusSeconds(60), List.of(sample("a", 2)))).singleElement()
                .satisfies(a -> assertThat(a.state()).isEqualTo(AlertState.FIRING));
    }

    private static Sample sample(String instance, double value) {
        return new Sample(Map.of("__name__", "x", "instance", instance), value);
    }
}
