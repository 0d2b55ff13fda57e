package io.perfsuite.monitor.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.perfsuite.testsupport.FreePort;
import io.perfsuite.testsupport.PrometheusServer;
import io.perfsuite.testsupport.RedisServer;

/**
 * Pending notifications survive a crash: a monitor decides two notices while the receiver is down, is killed with
 * SIGKILL, and two new monitors over the same Redis deliver each notice exactly once, without deciding them again.
 */
class OutboxRestartIT {

    private static final String ITEMS = "perfsuite:monitor:outbox:items";

    @TempDir
    Path rules;

    private RedisServer redis;
    private PrometheusServer prometheus;
    private WebhookReceiver receiver;
    private final int receiverPort = FreePort.find();

    @BeforeEach
    void startServers() throws IOException {
        redis = RedisServer.launch();
        prometheus = PrometheusServer.launch();
        Files.writeString(rules.resolve("always.yml"), """
                groups:
                  - name: always
                    interval: 1s
                    rules:
                      - alert: First
                        expr: vector(1) > 0
                        labels: {severity: critical}
                      - alert: Second
                        expr: vector(2) > 0
                        labels: {severity: critical}
                """);
    }

    @AfterEach
    void stopServers() {
        if (receiver != null) {
            receiver.close();
        }
        prometheus.close();
        redis.close();
    }

    @Test
    void shouldDeliverEachPendingNoticeExactlyOnceAfterACrashWithTwoNewInstances() {
        // a generous POST timeout: on a loaded machine a slow answer must not turn into a (legitimate) retry here
        Map<String, String> config = Map.ofEntries(Map.entry("monitor.notifications.delivery.timeout", "30s"),
                Map.entry("quarkus.redis.hosts", redis.uri()),
                Map.entry("monitor.prometheus.url", prometheus.url()),
                Map.entry("monitor.rules.paths", rules.toString()),
                Map.entry("monitor.notifications.group-wait", "0s"),
                Map.entry("monitor.notifications.group-interval", "1s"),
                Map.entry("monitor.notifications.repeat-interval", "1h"),
                Map.entry("monitor.notifications.receivers.hook.type", "webhook"),
                Map.entry("monitor.notifications.receivers.hook.url", "http://127.0.0.1:" + receiverPort + "/hook"),
                Map.entry("monitor.notifications.delivery.initial-backoff", "200ms"),
                Map.entry("monitor.notifications.delivery.max-backoff", "500ms"));

        try (MonitorProcess first = MonitorProcess.start("restart-first", config)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> "2".equals(redis.call("HLEN", ITEMS)));
            await("a delivery was tried and failed: the receiver is down").atMost(Duration.ofSeconds(30))
                    .until(() -> first.log().contains("failed (attempt"));
            first.kill();
        }
        receiver = new WebhookReceiver(receiverPort);

        try (MonitorProcess second = MonitorProcess.start("restart-second", config);
                MonitorProcess third = MonitorProcess.start("restart-third", config)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> receiver.on("/hook").size() >= 2);
            await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(8))
                    .until(() -> receiver.on("/hook").size() == 2);
        }

        List<WebhookReceiver.Received> got = receiver.on("/hook");
        assertThat(got).extracting(r -> r.body().getJsonObject("groupLabels").getString("alertname"))
                .containsExactlyInAnyOrder("First", "Second");
        assertThat(got).extracting(WebhookReceiver.Received::idempotencyKey).doesNotHaveDuplicates();
        assertThat(redis.call("HLEN", ITEMS)).isEqualTo("0");
    }
}
