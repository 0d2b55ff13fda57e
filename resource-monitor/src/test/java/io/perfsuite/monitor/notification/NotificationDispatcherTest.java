package io.perfsuite.monitor.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class NotificationDispatcherTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final GroupingPolicy POLICY = new GroupingPolicy(List.of("alertname"), Duration.ofSeconds(30),
            Duration.ofMinutes(5), Duration.ofHours(4));

    private final NotificationDispatcher dispatcher = new NotificationDispatcher(POLICY,
            List.of(new NotificationDispatcher.Receiver("hook", true), new NotificationDispatcher.Receiver("quiet", false)),
            List.of(InhibitRule.criticalMutesWarning(List.of("instance"))));

    private DispatchState state = DispatchState.empty();
    private final List<Silence> silences = new ArrayList<>();

    @Test
    void shouldWaitGroupWaitThenSendOneNoticePerGroupWithEveryAlertOfTheBurst() {
        assertThat(run(T0, firing("CpuHigh", "a", "warning"))).isEmpty();
        assertThat(run(T0.plusSeconds(10), firing("CpuHigh", "a", "warning"), firing("CpuHigh", "b", "warning"),
                firing("DiskFull", "a", "critical"))).isEmpty();

        List<GroupNotification> sent = run(T0.plusSeconds(30), firing("CpuHigh", "a", "warning"),
                firing("CpuHigh", "b", "warning"), firing("DiskFull", "a", "critical"));

        assertThat(sent).filteredOn(n -> n.receiver().equals("hook")).singleElement().satisfies(n -> {
            assertThat(n.groupKey()).isEqualTo("{}:{alertname=\"CpuHigh\"}");
            assertThat(n.alerts()).extracting(a -> a.labels().get("instance")).containsExactlyInAnyOrder("b");
        });
        assertThat(run(T0.plusSeconds(40), firing("CpuHigh", "a", "warning"), firing("CpuHigh", "b", "warning"),
                firing("DiskFull", "a", "critical"))).filteredOn(n -> n.receiver().equals("hook")).singleElement()
                .satisfies(n -> assertThat(n.groupKey()).contains("DiskFull"));
    }

    @Test
    void shouldNotRepeatUnchangedGroupBeforeRepeatIntervalAndRepeatAfterIt() {
        NotifiableAlert a = firing("CpuHigh", "a", "warning");
        run(T0, a);
        assertThat(run(T0.plusSeconds(30), a)).hasSize(2);

        assertThat(run(T0.plusSeconds(30).plus(Duration.ofMinutes(5)), a)).as("group_interval, no change").isEmpty();
        assertThat(run(T0.plusSeconds(30).plus(Duration.ofMinutes(235)), a)).as("just before repeat_interval").isEmpty();
        assertThat(run(T0.plusSeconds(30).plus(Duration.ofMinutes(240)), a)).as("repeat_interval reached")
                .hasSize(2);
    }

    @Test
    void shouldSendNewFiringAlertAtNextGroupIntervalNotBefore() {
        NotifiableAlert a = firing("CpuHigh", "a", "warning");
        NotifiableAlert b = firing("CpuHigh", "b", "warning");
        run(T0, a);
        run(T0.plusSeconds(30), a);

        assertThat(run(T0.plusSeconds(60), a, b)).isEmpty();
        assertThat(run(T0.plusSeconds(330), a, b)).filteredOn(n -> n.receiver().equals("hook")).singleElement()
                .satisfies(n -> assertThat(n.alerts()).hasSize(2));
    }

    @Test
    void shouldSendResolvedNoticeOnlyToReceiversThatWantIt() {
        NotifiableAlert a = firing("CpuHigh", "a", "warning");
        run(T0, a);
        run(T0.plusSeconds(30), a);

        List<GroupNotification> sent = run(T0.plusSeconds(330), resolved(a, T0.plusSeconds(200)));

        assertThat(sent).singleElement().satisfies(n -> {
            assertThat(n.receiver()).isEqualTo("hook");
            assertThat(n.isFiring()).isFalse();
            assertThat(n.alerts()).singleElement().satisfies(x -> assertThat(x.endsAt()).isEqualTo(T0.plusSeconds(200)));
        });
        assertThat(run(T0.plusSeconds(630), resolved(a, T0.plusSeconds(200)))).as("resolved once").isEmpty();
        assertThat(state.groups()).isEmpty();
    }

    @Test
    void shouldResolveAnAlertWhoseRuleVanished() {
        NotifiableAlert a = firing("CpuHigh", "a", "warning");
        run(T0, a);
        run(T0.plusSeconds(30), a);

        assertThat(run(T0.plusSeconds(330))).filteredOn(n -> n.receiver().equals("hook")).singleElement()
                .satisfies(n -> assertThat(n.alerts().get(0).endsAt()).isEqualTo(T0.plusSeconds(330)));
    }

    @Test
    void shouldMuteWarningWhileCriticalFiresOnTheSameInstance() {
        NotifiableAlert warning = firing("CpuHigh", "a", "warning");
        NotifiableAlert critical = firing("CpuSaturated", "a", "critical");
        NotifiableAlert otherInstance = firing("CpuHigh", "b", "warning");
        run(T0, warning, critical, otherInstance);

        List<GroupNotification> sent = run(T0.plusSeconds(30), warning, critical, otherInstance);

        assertThat(sent).filteredOn(n -> n.receiver().equals("hook"))
                .flatExtracting(GroupNotification::alerts)
                .extracting(x -> x.labels().get("alertname") + "/" + x.labels().get("instance"))
                .containsExactlyInAnyOrder("CpuSaturated/a", "CpuHigh/b");
    }

    @Test
    void shouldNotNotifySilencedAlertAndNotifyItOnceTheSilenceEnds() {
        NotifiableAlert a = firing("CpuHigh", "a", "warning");
        silences.add(new Silence("s1", List.of(LabelMatcher.equal("instance", "a")), T0, T0.plusSeconds(100), "me", "x"));
        run(T0, a);

        assertThat(run(T0.plusSeconds(30), a)).isEmpty();
        assertThat(run(T0.plusSeconds(330), a)).as("silence over at the next flush").hasSize(2);
    }

    @Test
    void shouldGroupByEveryLabelWithEllipsis() {
        NotificationDispatcher all = new NotificationDispatcher(new GroupingPolicy(List.of("..."), Duration.ZERO,
                Duration.ofMinutes(1), Duration.ofHours(1)), List.of(new NotificationDispatcher.Receiver("hook", true)),
                List.of());

        NotificationDispatcher.Result result = all.dispatch(T0,
                List.of(firing("CpuHigh", "a", "warning"), firing("CpuHigh", "b", "warning")), List.of(),
                DispatchState.empty());

        assertThat(result.notifications()).hasSize(2);
    }

    private List<GroupNotification> run(Instant now, NotifiableAlert... alerts) {
        NotificationDispatcher.Result result = dispatcher.dispatch(now, List.of(alerts), silences, state);
        state = result.state();
        return result.notifications();
    }

    static NotifiableAlert firing(String name, String instance, String severity) {
        return NotifiableAlert.of(Map.of("alertname", name, "instance", instance, "severity", severity),
                Map.of("summary", name + " on " + instance), T0, null, "");
    }

    static NotifiableAlert resolved(NotifiableAlert alert, Instant at) {
        return new NotifiableAlert(alert.fingerprint(), alert.labels(), alert.annotations(), alert.startsAt(), at, "");
    }
}
