package io.perfsuite.monitor.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class NotificationRoutesTest {

    private static final GroupingPolicy DEFAULTS = new GroupingPolicy(List.of("alertname"), Duration.ofSeconds(30),
            Duration.ofMinutes(5), Duration.ofHours(4));
    private static final NotificationRoute ROOT = new NotificationRoute(NotificationRoutes.DEFAULT_KEY, List.of(),
            List.of("team"), DEFAULTS, false);

    @Test
    void shouldGiveTheAlertToTheFirstMatchingRouteOnly() {
        NotificationRoutes routes = new NotificationRoutes(List.of(spec("pager", false, "severity=\"critical\""),
                spec("db", false, "service=\"postgres\"")), ROOT);

        assertThat(routes.match(Map.of("severity", "critical", "service", "postgres")))
                .extracting(r -> r.receivers().get(0)).containsExactly("pager");
        assertThat(routes.match(Map.of("severity", "warning", "service", "postgres")))
                .extracting(r -> r.receivers().get(0)).containsExactly("db");
    }

    @Test
    void shouldTryLaterRoutesAfterAMatchThatSaysContinue() {
        NotificationRoutes routes = new NotificationRoutes(List.of(spec("audit", true, "severity=~\".+\""),
                spec("pager", false, "severity=\"critical\""), spec("db", false, "service=\"postgres\"")), ROOT);

        assertThat(routes.match(Map.of("severity", "critical", "service", "postgres")))
                .extracting(r -> r.receivers().get(0)).containsExactly("audit", "pager");
        assertThat(routes.match(Map.of("alertname", "NoSeverity")))
                .as("a continue route that did not match still leaves the default").containsExactly(ROOT);
    }

    @Test
    void shouldSendWhatNoRouteTakesToTheDefaultReceiver() {
        NotificationRoutes routes = new NotificationRoutes(List.of(spec("pager", false, "severity=\"critical\"")), ROOT);

        assertThat(routes.match(Map.of("severity", "warning"))).containsExactly(ROOT);
        assertThat(routes.match(Map.of())).containsExactly(ROOT);
    }

    @Test
    void shouldAnchorRegexesAtBothEndsAsAlertmanagerDoes() {
        assertThat(LabelMatcher.parse("severity=~\"crit\"").matches(Map.of("severity", "critical"))).isFalse();
        assertThat(LabelMatcher.parse("severity=~\"crit.*\"").matches(Map.of("severity", "critical"))).isTrue();
        assertThat(LabelMatcher.parse("job=~\"api|web\"").matches(Map.of("job", "web"))).isTrue();
        assertThat(LabelMatcher.parse("job=~\"api|web\"").matches(Map.of("job", "webapi"))).isFalse();
        assertThat(LabelMatcher.parse("job!~\"api|web\"").matches(Map.of("job", "webapi"))).isTrue();
        assertThat(LabelMatcher.parse("job!~\"api|web\"").matches(Map.of("job", "api"))).isFalse();
    }

    @Test
    void shouldMatchAMissingLabelAsTheEmptyString() {
        assertThat(LabelMatcher.parse("team!=\"db\"").matches(Map.of())).isTrue();
        assertThat(LabelMatcher.parse("team=\"\"").matches(Map.of())).isTrue();
        assertThat(LabelMatcher.parse("team=~\".+\"").matches(Map.of())).isFalse();
    }

    @Test
    void shouldParseQuotedAndBareValuesAndRejectBadMatchersNamingTheRule() {
        assertThat(LabelMatcher.parse(" severity = critical ")).isEqualTo(LabelMatcher.equal("severity", "critical"));
        assertThat(LabelMatcher.parse("summary=\"say \\\"hi\\\"\"").value()).isEqualTo("say \"hi\"");
        assertThat(LabelMatcher.parse("a!=b").op()).isEqualTo(LabelMatcher.Op.NOT_EQUAL);

        assertThatThrownBy(() -> LabelMatcher.parse("severity=~\"(crit\"")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid regex").hasMessageContaining("(crit");
        assertThatThrownBy(() -> LabelMatcher.parse("severity critical")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a matcher");
        assertThatThrownBy(() -> LabelMatcher.parse("severity=\"critical")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unterminated");
    }

    @Test
    void shouldKeyRoutesAsAlertmanagerAndKeepRoutesWithEqualMatchersApart() {
        NotificationRoutes routes = new NotificationRoutes(List.of(spec("pager", true, "severity=\"critical\""),
                spec("audit", false, "severity=\"critical\""), spec("db", false, "service=\"postgres\"")), ROOT);

        assertThat(routes.routes()).extracting(NotificationRoute::key).containsExactly(
                "{}/{severity=\"critical\"}/0", "{}/{severity=\"critical\"}/1", "{}/{service=\"postgres\"}");
    }

    @Test
    void shouldGroupAndTimeEachRouteByItsOwnPolicyAndTellOnlyItsReceiver() {
        GroupingPolicy fast = new GroupingPolicy(List.of("alertname", "instance"), Duration.ZERO, Duration.ofMinutes(1),
                Duration.ofHours(1));
        NotificationRoutes routes = new NotificationRoutes(List.of(
                new NotificationRoutes.Spec(List.of(LabelMatcher.parse("severity=\"critical\"")), "pager", fast, false)),
                ROOT);
        NotificationDispatcher dispatcher = new NotificationDispatcher(routes, List.of(
                new NotificationDispatcher.Receiver("pager", true), new NotificationDispatcher.Receiver("team", true)),
                List.of());
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        List<NotifiableAlert> alerts = List.of(NotificationDispatcherTest.firing("DiskFull", "a", "critical"),
                NotificationDispatcherTest.firing("DiskFull", "b", "critical"),
                NotificationDispatcherTest.firing("CpuHigh", "a", "warning"));

        NotificationDispatcher.Result first = dispatcher.dispatch(t0, alerts, List.of(), DispatchState.empty());

        assertThat(first.notifications()).as("group_wait 0 on the critical route, 30 s on the default")
                .allSatisfy(n -> assertThat(n.receiver()).isEqualTo("pager"))
                .extracting(GroupNotification::groupKey).containsExactlyInAnyOrder(
                        "{}/{severity=\"critical\"}:{alertname=\"DiskFull\", instance=\"a\"}",
                        "{}/{severity=\"critical\"}:{alertname=\"DiskFull\", instance=\"b\"}");
        NotificationDispatcher.Result later = dispatcher.dispatch(t0.plusSeconds(30), alerts, List.of(), first.state());
        assertThat(later.notifications()).singleElement().satisfies(n -> {
            assertThat(n.receiver()).isEqualTo("team");
            assertThat(n.groupKey()).isEqualTo("{}:{alertname=\"CpuHigh\"}");
        });
    }

    @Test
    void shouldResolveAGroupThroughItsStoredRouteAndDropGroupsOfARemovedRoute() {
        NotificationRoutes routes = new NotificationRoutes(List.of(spec("pager", false, "severity=\"critical\"")), ROOT);
        List<NotificationDispatcher.Receiver> receivers = List.of(new NotificationDispatcher.Receiver("pager", true),
                new NotificationDispatcher.Receiver("team", true));
        NotificationDispatcher dispatcher = new NotificationDispatcher(routes, receivers, List.of());
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        NotifiableAlert disk = NotificationDispatcherTest.firing("DiskFull", "a", "critical");
        DispatchState waiting = dispatcher.dispatch(t0, List.of(disk), List.of(), DispatchState.empty()).state();
        NotificationDispatcher.Result fired = dispatcher.dispatch(t0.plusSeconds(30), List.of(disk), List.of(), waiting);
        assertThat(fired.notifications()).extracting(GroupNotification::receiver).containsExactly("pager");
        DispatchState told = fired.state();

        assertThat(dispatcher.dispatch(t0.plus(Duration.ofMinutes(6)), List.of(), List.of(), told).notifications())
                .as("the vanished alert is told resolved on the route that told it firing").singleElement()
                .satisfies(n -> {
                    assertThat(n.receiver()).isEqualTo("pager");
                    assertThat(n.alerts()).allSatisfy(a -> assertThat(a.isResolved()).isTrue());
                });
        NotificationDispatcher withoutRoute = new NotificationDispatcher(new NotificationRoutes(List.of(), ROOT),
                receivers, List.of());
        assertThat(withoutRoute.dispatch(t0.plus(Duration.ofMinutes(6)), List.of(), List.of(), told).state().groups())
                .isEmpty();
    }

    @Test
    void shouldRefuseARouteToAnUndefinedReceiver() {
        NotificationRoutes routes = new NotificationRoutes(List.of(spec("nobody", false, "severity=\"critical\"")), ROOT);

        assertThatThrownBy(() -> new NotificationDispatcher(routes, List.of(new NotificationDispatcher.Receiver("team",
                true)), List.of())).hasMessageContaining("receiver nobody");
    }

    private static NotificationRoutes.Spec spec(String receiver, boolean continueMatching, String... matchers) {
        return new NotificationRoutes.Spec(List.of(matchers).stream().map(LabelMatcher::parse).toList(), receiver,
                DEFAULTS, continueMatching);
    }
}
