package io.perfsuite.monitor.notification.delivery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.perfsuite.testsupport.FreePort;
import io.quarkus.test.junit.QuarkusTestProfile;

/** Rules from a scratch directory, and three receivers (webhook, Slack, PagerDuty) on one test HTTP server. */
public class AlertingProfile implements QuarkusTestProfile {

    public static final int RECEIVER_PORT = FreePort.find();
    public static final Path RULES_DIR = scratch();

    private static Path scratch() {
        try {
            return Files.createTempDirectory("monitor-rules-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        String base = "http://127.0.0.1:" + RECEIVER_PORT;
        return Map.ofEntries(
                Map.entry("monitor.rules.paths", RULES_DIR.toString()),
                Map.entry("monitor.notifications.group-wait", "1s"),
                Map.entry("monitor.notifications.group-interval", "1s"),
                Map.entry("monitor.notifications.repeat-interval", "4s"),
                Map.entry("monitor.notifications.receivers.hook.type", "webhook"),
                Map.entry("monitor.notifications.receivers.hook.url", base + "/hook"),
                Map.entry("monitor.notifications.receivers.slack.type", "slack"),
                Map.entry("monitor.notifications.receivers.slack.url", base + "/slack"),
                Map.entry("monitor.notifications.receivers.slack.send-resolved", "false"),
                Map.entry("monitor.notifications.receivers.pd.type", "pagerduty"),
                Map.entry("monitor.notifications.receivers.pd.url", base + "/pd"),
                Map.entry("monitor.notifications.receivers.pd.routing-key", "test-routing-key"));
    }
}
