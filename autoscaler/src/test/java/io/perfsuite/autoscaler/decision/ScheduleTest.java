package io.perfsuite.autoscaler.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.perfsuite.testsupport.MutableClock;

class ScheduleTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final MetricRule RPS = new MetricRule("rps", TargetType.AVERAGE_VALUE, 100);

    @Test
    void shouldMatchWeekdayMorningsInItsOwnTimeZone() {
        CronExpression cron = CronExpression.parse("0 8 * * 1-5");

        assertThat(cron.matches(ZonedDateTime.parse("2026-03-02T08:00:00+01:00[Europe/Paris]"))).isTrue();
        assertThat(cron.matches(ZonedDateTime.parse("2026-03-01T08:00:00+01:00[Europe/Paris]")))
                .as("Sunday").isFalse();
        assertThat(cron.matches(ZonedDateTime.parse("2026-03-02T08:01:00+01:00[Europe/Paris]"))).isFalse();
    }

    @Test
    void shouldParseStepsListsAndSundayAsSeven() {
        CronExpression cron = CronExpression.parse("*/15 9,17 * * 7");

        assertThat(cron.matches(ZonedDateTime.parse("2026-03-01T17:45:00Z[UTC]"))).isTrue();
        assertThat(cron.matches(ZonedDateTime.parse("2026-03-01T17:50:00Z[UTC]"))).isFalse();
    }

    @Test
    void shouldRejectAnOutOfRangeFieldNamingIt() {
        assertThatThrownBy(() -> CronExpression.parse("0 25 * * *")).hasMessageContaining("hour 25");
        assertThatThrownBy(() -> CronExpression.parse("0 8 * *")).hasMessageContaining("5 fields");
    }

    @Test
    void shouldBeActiveForItsDurationAfterEachFiring() {
        Schedule schedule = new Schedule("opening", CronExpression.parse("0 8 * * *"), PARIS, Duration.ofHours(2), 10,
                null);

        assertThat(schedule.activeAt(Instant.parse("2026-03-02T06:59:00Z"))).isFalse();
        assertThat(schedule.activeAt(Instant.parse("2026-03-02T07:00:00Z"))).as("08:00 Paris").isTrue();
        assertThat(schedule.activeAt(Instant.parse("2026-03-02T08:59:59Z"))).isTrue();
        assertThat(schedule.activeAt(Instant.parse("2026-03-02T09:00:00Z"))).isFalse();
    }

    @Test
    void shouldRaiseTheFloorDuringTheWindowAndSayWhich() {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-02T07:30:00Z"));
        Schedule opening = new Schedule("opening", CronExpression.parse("0 8 * * *"), PARIS, Duration.ofHours(2), 10,
                null);
        ScalingDecider decider = new ScalingDecider(
                PolicyRules.hpa(2, 20, List.of(RPS)).withSchedules(List.of(opening)), clock);

        ScalingDecision decision = decider.decide(new Observation(3, Map.of("rps", 300.0)));

        assertThat(decision.to()).isEqualTo(10);
        assertThat(decision.reason()).isEqualTo(Reason.FLOOR);
        assertThat(decision.rule()).isEqualTo("schedule opening");
        assertThat(decision.scheduleFloor()).isEqualTo(10);
        assertThat(decision.limited()).isTrue();
    }

    @Test
    void shouldRaiseTheCeilingDuringTheWindowOnly() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-27T12:00:00Z"));
        Schedule sale = new Schedule("black-friday", CronExpression.parse("0 0 27 11 *"), ZoneId.of("UTC"),
                Duration.ofDays(1), null, 40);
        ScalingDecider decider = new ScalingDecider(
                PolicyRules.hpa(2, 20, List.of(RPS)).withSchedules(List.of(sale)), clock);

        assertThat(decider.decide(new Observation(20, Map.of("rps", 3000.0))).to()).isEqualTo(30);

        clock.advance(Duration.ofDays(1));
        ScalingDecision after = decider.decide(new Observation(30, Map.of("rps", 3000.0)));
        assertThat(after.to()).isEqualTo(20);
        assertThat(after.reason()).isEqualTo(Reason.CEILING);
    }

    @Test
    void shouldClampToMinAndMaxReplicas() {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
        ScalingDecider decider = new ScalingDecider(PolicyRules.hpa(3, 8, List.of(RPS)), clock);

        ScalingDecision high = decider.decide(new Observation(8, Map.of("rps", 5000.0)));
        assertThat(high.to()).isEqualTo(8);
        assertThat(high.reason()).isEqualTo(Reason.CEILING);
        assertThat(high.rule()).isEqualTo("maxReplicas");

        ScalingDecision low = decider.decide(new Observation(1, Map.of("rps", 10.0)));
        assertThat(low.to()).isEqualTo(3);
        assertThat(low.rule()).isEqualTo("minReplicas");
    }
}
