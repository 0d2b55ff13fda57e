package io.perfsuite.monitor.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.perfsuite.testsupport.PrometheusServer;
import io.perfsuite.testsupport.PrometheusTestResource;
import io.perfsuite.testsupport.RedisTestResource;
import io.perfsuite.testsupport.TestServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.vertx.core.json.JsonObject;

/**
 * Routes end to end against real servers (Prometheus scraping this service, Redis outbox, two HTTP receivers): each
 * severity reaches only the receiver its route names, with that route's grouping, and the rest goes to the default.
 */
@QuarkusTest
@TestProfile(RoutingProfile.class)
@WithTestResource(PrometheusTestResource.class)
@WithTestResource(RedisTestResource.class)
class NotificationRoutingTest {

    private static final Duration BOUND = Duration.ofSeconds(60);
    private static WebhookReceiver oncall;
    private static WebhookReceiver team;
    private static final Map<String, AtomicReference<Double>> gauges = new ConcurrentHashMap<>();

    @TestServer
    PrometheusServer prometheus;

    @Inject
    MeterRegistry registry;

    @BeforeAll
    static void startReceivers() {
        oncall = new WebhookReceiver(RoutingProfile.ONCALL_PORT);
        team = new WebhookReceiver(RoutingProfile.TEAM_PORT);
    }

    @AfterAll
    static void stopReceivers() {
        oncall.close();
        team.close();
    }

    @Test
    void shouldDeliverEachSeverityOnlyToItsRoutesReceiverWithThatRoutesGrouping() throws IOException {
        prometheus.addScrapeTarget("resource-monitor", "127.0.0.1:" + RestAssured.port, "/q/metrics");
        Files.writeString(AlertingProfile.RULES_DIR.resolve("routing.yml"), """
                groups:
                  - name: routing
                    interval: 1s
                    rules:
                      - alert: QueueStuck
                        expr: perfsuite_test_routed_depth > 5
                        labels: {severity: critical}
                      - alert: QueueGrowing
                        expr: perfsuite_test_routed_depth > 1
                        labels: {severity: warning}
                      - alert: QueueNoticed
                        expr: perfsuite_test_routed_depth > 0
                """);
        set("a", 10);
        set("b", 10);

        await().atMost(BOUND).untilAsserted(() -> {
            assertThat(oncall.accepted("/hook", alertname("QueueStuck"))).as("one group per queue on the critical route")
                    .extracting(r -> r.body().getString("groupKey")).contains(
                            "{}/{severity=\"critical\"}:{alertname=\"QueueStuck\", queue=\"a\"}",
                            "{}/{severity=\"critical\"}:{alertname=\"QueueStuck\", queue=\"b\"}");
            assertThat(team.accepted("/hook", alertname("QueueGrowing"))).isNotEmpty();
            assertThat(team.accepted("/hook", alertname("QueueNoticed"))).isNotEmpty();
        });

        JsonObject warning = team.accepted("/hook", alertname("QueueGrowing")).get(0).body();
        assertThat(warning.getString("receiver")).isEqualTo("team");
        assertThat(warning.getString("groupKey")).isEqualTo("{}/{severity=~\"warn|warning\"}:{alertname=\"QueueGrowing\"}");
        assertThat(warning.getJsonArray("alerts")).as("both queues in one group: the default group_by").hasSize(2);
        assertThat(team.accepted("/hook", alertname("QueueNoticed")).get(0).body().getString("groupKey"))
                .as("no route takes an alert without severity: the default route")
                .isEqualTo("{}:{alertname=\"QueueNoticed\"}");
        assertThat(oncall.accepted("/hook", alertname("QueueStuck")).get(0).body().getString("receiver"))
                .isEqualTo("oncall");
        assertThat(oncall.on("/hook")).as("oncall hears only of the critical alert")
                .allMatch(r -> alertname("QueueStuck").test(r.body()));
        assertThat(team.on("/hook")).as("team never hears of the critical alert")
                .noneMatch(r -> alertname("QueueStuck").test(r.body()));

        set("a", 0);
        set("b", 0);
        await("resolved notices follow the same routes").atMost(BOUND).untilAsserted(() -> {
            assertThat(oncall.on("/hook")).anyMatch(r -> "resolved".equals(r.body().getString("status")));
            assertThat(team.on("/hook")).anyMatch(r -> "resolved".equals(r.body().getString("status"))
                    && alertname("QueueGrowing").test(r.body()));
        });
        assertThat(team.on("/hook")).noneMatch(r -> alertname("QueueStuck").test(r.body()));
        Files.delete(AlertingProfile.RULES_DIR.resolve("routing.yml"));
    }

    private static Predicate<JsonObject> alertname(String name) {
        return body -> name.equals(body.getJsonObject("groupLabels", new JsonObject()).getString("alertname"));
    }

    private void set(String queue, double value) {
        gauges.computeIfAbsent(queue, k -> {
            AtomicReference<Double> ref = new AtomicReference<>(0.0);
            Gauge.builder("perfsuite_test_routed_depth", ref, AtomicReference::get).tag("queue", queue)
                    .register(registry);
            return ref;
        }).set(value);
    }
}
