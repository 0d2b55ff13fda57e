package io.perfsuite.monitor.notification.delivery;

import java.util.Map;

import io.perfsuite.testsupport.FreePort;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Two webhook receivers on two HTTP servers, and routes: critical alerts page {@code oncall} (grouped per queue, no
 * wait), warnings go to {@code team}, anything else to the default receiver {@code team}.
 */
public class RoutingProfile implements QuarkusTestProfile {

    public static final int ONCALL_PORT = FreePort.find();
    public static final int TEAM_PORT = FreePort.find();

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("monitor.rules.paths", AlertingProfile.RULES_DIR.toString()),
                Map.entry("monitor.notifications.group-wait", "1s"),
                Map.entry("monitor.notifications.group-interval", "1s"),
                Map.entry("monitor.notifications.repeat-interval", "1h"),
                // both severities fire on this one instance: no inhibition, so each route has something to send
                Map.entry("monitor.notifications.inhibit-warnings-by-critical", "false"),
                Map.entry("monitor.notifications.delivery.key-prefix", "perfsuite:routing-test:"),
                Map.entry("monitor.notifications.receivers.oncall.type", "webhook"),
                Map.entry("monitor.notifications.receivers.oncall.url", "http://127.0.0.1:" + ONCALL_PORT + "/hook"),
                Map.entry("monitor.notifications.receivers.team.type", "webhook"),
                Map.entry("monitor.notifications.receivers.team.url", "http://127.0.0.1:" + TEAM_PORT + "/hook"),
                Map.entry("monitor.notifications.default-receiver", "team"),
                Map.entry("monitor.notifications.routes[0].matchers[0]", "severity=\"critical\""),
                Map.entry("monitor.notifications.routes[0].receiver", "oncall"),
                Map.entry("monitor.notifications.routes[0].group-by", "alertname,queue"),
                Map.entry("monitor.notifications.routes[0].group-wait", "0s"),
                Map.entry("monitor.notifications.routes[1].matchers[0]", "severity=~\"warn|warning\""),
                Map.entry("monitor.notifications.routes[1].receiver", "team"));
    }
}
