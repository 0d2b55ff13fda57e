package io.perfsuite.monitor.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The start-up checks over a real SmallRye mapping of the properties, without starting the service. */
class ConfigChecksTest {

    @Test
    void shouldNameTheRouteAndRuleOfAnUnknownReceiverAndABadRegex() {
        List<String> problems = ConfigChecks.check(config(Map.of(
                "monitor.notifications.default-receiver", "team",
                "monitor.notifications.routes[0].matchers[0]", "severity=~\"(crit\"",
                "monitor.notifications.routes[0].receiver", "pager",
                "monitor.notifications.routes[1].matchers[0]", "severity critical",
                "monitor.notifications.routes[1].receiver", "team",
                "monitor.notifications.routes[1].group-interval", "0s")));

        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("monitor.notifications.routes[0].receiver")
                .contains("'pager'", "not defined", "team"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("monitor.notifications.routes[0].matchers[0]")
                .contains("invalid regex"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("monitor.notifications.routes[1].matchers[0]")
                .contains("is not a matcher"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("monitor.notifications.routes[1].group-interval"));
        assertThat(problems).hasSize(4);
    }

    @Test
    void shouldRequireADefaultReceiverOnceRoutesAreConfigured() {
        List<String> problems = ConfigChecks.check(config(Map.of(
                "monitor.notifications.routes[0].matchers[0]", "severity=\"critical\"",
                "monitor.notifications.routes[0].receiver", "team")));

        assertThat(problems).singleElement()
                .satisfies(p -> assertThat(p).startsWith("monitor.notifications.default-receiver must be set"));
    }

    @Test
    void shouldAcceptValidRoutes() {
        assertThat(ConfigChecks.check(config(Map.of(
                "monitor.notifications.default-receiver", "team",
                "monitor.notifications.routes[0].matchers[0]", "severity=~\"crit.*\"",
                "monitor.notifications.routes[0].matchers[1]", "job!=\"batch\"",
                "monitor.notifications.routes[0].receiver", "team",
                "monitor.notifications.routes[0].continue", "true")))).isEmpty();
    }

    private static MonitorConfig config(Map<String, String> properties) {
        Map<String, String> all = new HashMap<>(properties);
        all.put("monitor.prometheus.url", "http://127.0.0.1:1");
        all.put("monitor.notifications.receivers.team.type", "webhook");
        all.put("monitor.notifications.receivers.team.url", "http://127.0.0.1:2/hook");
        // Quarkus' converter, so "1s" reads as it does in the service
        return new SmallRyeConfigBuilder().withMapping(MonitorConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(all, "test", 500)).build().getConfigMapping(MonitorConfig.class);
    }
}
