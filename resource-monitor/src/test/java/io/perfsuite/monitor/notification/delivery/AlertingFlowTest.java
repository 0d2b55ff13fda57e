package io.perfsuite.monitor.notification.delivery;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
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
import io.restassured.http.ContentType;
import io.vertx.core.json.JsonObject;

/**
 * The whole path against real servers: Prometheus scrapes this service's {@code /q/metrics}, where the test sets
 * gauges; rules from a watched directory are evaluated through Prometheus's query API; notices go through the Redis
 * outbox to a real HTTP receiver that checks the webhook (Alertmanager v4), Slack and PagerDuty bodies.
 */
@QuarkusTest
@TestProfile(AlertingProfile.class)
@WithTestResource(PrometheusTestResource.class)
@WithTestResource(RedisTestResource.class)
class AlertingFlowTest {

    private static final Duration BOUND = Duration.ofSeconds(40);
    private static WebhookReceiver receiver;
    private static final Map<String, AtomicReference<Double>> gauges = new ConcurrentHashMap<>();
    private static boolean scraped;

    @TestServer
    PrometheusServer prometheus;

    @Inject
    MeterRegistry registry;

    @BeforeAll
    static void startReceiver() {
        receiver = new WebhookReceiver(AlertingProfile.RECEIVER_PORT);
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @BeforeEach
    void scrapeThisService() {
        if (!scraped) {
            prometheus.addScrapeTarget("resource-monitor", "127.0.0.1:" + RestAssured.port, "/q/metrics");
            scraped = true;
        }
    }

    @AfterEach
    void restorePrometheus() {
        if (!prometheus.isRunning()) {
            prometheus.start();
        }
    }

    @Test
    void shouldNotifyEveryReceiverWhenRuleFiresThenRepeatAndResolve() throws IOException {
        rules("flow.yml", """
                groups:
                  - name: flow
                    interval: 1s
                    rules:
                      - alert: QueueDeep
                        expr: perfsuite_test_queue_depth > 5
                        labels:
                          severity: critical
                        annotations:
                          summary: "queue {{ $labels.queue }} is {{ $value }}"
                """);
        set("perfsuite_test_queue_depth", "a", 10);
        set("perfsuite_test_queue_depth", "b", 12);

        await().atMost(BOUND).until(() -> !receiver.accepted("/hook", alertname("QueueDeep", "firing")).isEmpty());
        JsonObject body = receiver.accepted("/hook", alertname("QueueDeep", "firing")).get(0).body();
        assertThat(body.getString("version")).isEqualTo("4");
        assertThat(body.getString("receiver")).isEqualTo("hook");
        assertThat(body.getString("groupKey")).isEqualTo("{}:{alertname=\"QueueDeep\"}");
        assertThat(body.getJsonObject("groupLabels").getMap()).isEqualTo(Map.of("alertname", "QueueDeep"));
        assertThat(body.getJsonObject("commonLabels").getMap()).containsEntry("severity", "critical")
                .containsEntry("job", "resource-monitor").doesNotContainKey("queue");
        assertThat(body.getJsonArray("alerts")).as("both queues in one group notice").hasSize(2);
        JsonObject alertA = body.getJsonArray("alerts").stream().map(JsonObject.class::cast)
                .filter(a -> a.getJsonObject("labels").getString("queue").equals("a")).findFirst().orElseThrow();
        assertThat(alertA.getString("status")).isEqualTo("firing");
        assertThat(alertA.getJsonObject("annotations").getString("summary")).isEqualTo("queue a is 10");
        assertThat(alertA.getString("endsAt")).isEqualTo("0001-01-01T00:00:00Z");
        assertThat(alertA.getString("fingerprint")).hasSize(16);

        await().atMost(BOUND).untilAsserted(() -> {
            assertThat(receiver.accepted("/slack", b -> b.getString("text", "").equals("[FIRING:2] QueueDeep"))).isNotEmpty();
            assertThat(receiver.accepted("/pd", b -> b.getString("event_action").equals("trigger")
                    && b.getJsonObject("payload").getString("summary").equals("queue a is 10")))
                    .singleElement()
                    .satisfies(r -> {
                        assertThat(r.body().getString("routing_key")).isEqualTo("test-routing-key");
                        assertThat(r.body().getString("dedup_key")).isEqualTo(alertA.getString("fingerprint"));
                        assertThat(r.body().getJsonObject("payload").getString("severity")).isEqualTo("critical");
                    });
        });
        given().get("/v1/alerts?state=firing").then().statusCode(200)
                .body("alerts.findAll { it.rule == 'QueueDeep' }.size()", equalTo(2));

        await("repeat_interval (4 s) re-sends the unchanged group").atMost(BOUND)
                .until(() -> receiver.accepted("/hook", alertname("QueueDeep", "firing")).size() >= 2);
        List<WebhookReceiver.Received> firing = receiver.accepted("/hook", alertname("QueueDeep", "firing"));
        assertThat(firing.get(1).idempotencyKey()).isNotEqualTo(firing.get(0).idempotencyKey());

        set("perfsuite_test_queue_depth", "a", 0);
        set("perfsuite_test_queue_depth", "b", 0);

        await().atMost(BOUND).untilAsserted(() -> {
            assertThat(receiver.accepted("/hook", alertname("QueueDeep", "resolved"))).isNotEmpty();
            assertThat(receiver.accepted("/pd", b -> b.getString("event_action").equals("resolve")
                    && b.getString("dedup_key").equals(alertA.getString("fingerprint")))).hasSize(1);
        });
        JsonObject resolved = receiver.accepted("/hook", alertname("QueueDeep", "resolved")).get(0).body();
        assertThat(resolved.getJsonArray("alerts").getJsonObject(0).getString("endsAt")).isNotEqualTo("0001-01-01T00:00:00Z");
        assertThat(receiver.on("/slack")).as("slack does not want resolved notices")
                .noneMatch(r -> r.body().getString("text").startsWith("[RESOLVED]"));
        given().get("/v1/alerts?state=resolved").then().statusCode(200)
                .body("alerts.rule", hasItem("QueueDeep"));
    }

    @Test
    void shouldRetryRefusedDeliveryWithTheSameIdUntilAccepted() throws IOException {
        receiver.failNext("/hook", 2, 503);
        rules("retry.yml", """
                groups:
                  - name: retry
                    interval: 1s
                    rules:
                      - alert: RetryMe
                        expr: perfsuite_test_retry > 0
                """);
        set("perfsuite_test_retry", "a", 1);

        await().atMost(BOUND).until(() -> !receiver.accepted("/hook", alertname("RetryMe", "firing")).isEmpty());
        String id = receiver.accepted("/hook", alertname("RetryMe", "firing")).get(0).idempotencyKey();
        List<WebhookReceiver.Received> attempts = receiver.on("/hook").stream().filter(r -> id.equals(r.idempotencyKey()))
                .toList();
        assertThat(attempts).extracting(WebhookReceiver.Received::answeredWith).containsExactly(503, 503, 200);
        set("perfsuite_test_retry", "a", 0);
    }

    @Test
    void shouldHoldBackWarningWhileCriticalFiresOnTheSameTarget() throws IOException {
        rules("inhibit.yml", """
                groups:
                  - name: inhibit
                    interval: 1s
                    rules:
                      - alert: BacklogGrowing
                        expr: perfsuite_test_backlog > 1
                        labels: {severity: warning}
                      - alert: BacklogStuck
                        expr: perfsuite_test_backlog > 5
                        labels: {severity: critical}
                """);
        set("perfsuite_test_backlog", "a", 10);

        await().atMost(BOUND).until(() -> !receiver.accepted("/hook", alertname("BacklogStuck", "firing")).isEmpty());
        given().get("/v1/alerts?state=firing").then().statusCode(200)
                .body("alerts.find { it.rule == 'BacklogGrowing' }.inhibited", equalTo(true));
        assertThat(receiver.on("/hook")).as("the warning is inhibited by the critical")
                .noneMatch(r -> alertname("BacklogGrowing", "firing").test(r.body()));

        set("perfsuite_test_backlog", "a", 3);

        await("the critical resolved: the warning is told").atMost(BOUND)
                .until(() -> !receiver.accepted("/hook", alertname("BacklogGrowing", "firing")).isEmpty());
        set("perfsuite_test_backlog", "a", 0);
    }

    @Test
    void shouldNotNotifySilencedAlertUntilTheSilenceIsExpired() throws IOException {
        String id = given().header("X-API-Key", "test-admin-key-0123456789").contentType(ContentType.JSON)
                .body("""
                        {"matchers":[{"name":"alertname","value":"Hushed","isRegex":false}],
                         "endsAt":"2099-01-01T00:00:00Z","comment":"maintenance"}""")
                .post("/v1/silences").then().statusCode(201).extract().path("silenceID");
        rules("silence.yml", """
                groups:
                  - name: silence
                    interval: 1s
                    rules:
                      - alert: Hushed
                        expr: perfsuite_test_hushed > 0
                """);
        set("perfsuite_test_hushed", "a", 1);

        await().atMost(BOUND).untilAsserted(() -> given().get("/v1/alerts?state=firing").then().statusCode(200)
                .body("alerts.find { it.rule == 'Hushed' }.silencedBy", equalTo(List.of(id))));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> receiver.on("/hook").stream().noneMatch(r -> alertname("Hushed", "firing").test(r.body())));

        given().header("X-API-Key", "test-admin-key-0123456789").delete("/v1/silences/" + id).then().statusCode(204);

        await().atMost(BOUND).until(() -> !receiver.accepted("/hook", alertname("Hushed", "firing")).isEmpty());
        set("perfsuite_test_hushed", "a", 0);
    }

    @Test
    void shouldKeepPreviousRulesAndReportFileLineAndReasonForAnInvalidEdit() throws IOException {
        rules("edit.yml", """
                groups:
                  - name: edit
                    interval: 1s
                    rules:
                      - alert: StillHere
                        expr: vector(0) > 1
                """);
        await().atMost(BOUND).untilAsserted(() -> given().get("/v1/rules?rule=StillHere").then().statusCode(200)
                .body("groups[0].rules[0].health", equalTo("ok")));

        rules("edit.yml", """
                groups:
                  - name: edit
                    interval: 1s
                    rules:
                      - alert: StillHere
                        expr: vector(0) > 1
                        for: ten minutes
                """);

        String file = AlertingProfile.RULES_DIR.resolve("edit.yml").toString();
        await().atMost(BOUND).untilAsserted(() -> given().get("/v1/rules").then().statusCode(200)
                .body("files.find { it.file == '" + file + "' }.valid", equalTo(false))
                .body("files.find { it.file == '" + file + "' }.line", equalTo(7))
                .body("files.find { it.file == '" + file + "' }.error", equalTo(
                        "for: not a valid duration string: \"ten minutes\" (expected e.g. 30s, 5m, 1h30m)")));
        given().get("/v1/rules?rule=StillHere").then().statusCode(200)
                .body("groups[0].rules[0].duration", equalTo("0s"));
    }

    @Test
    void shouldMarkRulesErroredAndKeepAlertsWhilePrometheusIsDown() throws IOException {
        rules("outage.yml", """
                groups:
                  - name: outage
                    interval: 1s
                    rules:
                      - alert: AlwaysOn
                        expr: vector(1) > 0
                """);
        await().atMost(BOUND).untilAsserted(() -> given().get("/v1/rules?rule=AlwaysOn").then().statusCode(200)
                .body("groups[0].rules[0].state", equalTo("firing")));

        prometheus.stop();

        await().atMost(BOUND).untilAsserted(() -> given().get("/v1/rules?rule=AlwaysOn").then().statusCode(200)
                .body("groups[0].rules[0].health", equalTo("err"))
                .body("groups[0].rules[0].state", equalTo("firing")));
        given().get("/v1/metrics/summary").then().statusCode(200)
                .body("prometheus.status", equalTo("unreachable"))
                .body("host.memoryTotalBytes", org.hamcrest.Matchers.greaterThan(0L));

        prometheus.start();
        await().atMost(BOUND).untilAsserted(() -> given().get("/v1/rules?rule=AlwaysOn").then().statusCode(200)
                .body("groups[0].rules[0].health", equalTo("ok")));
        Files.delete(AlertingProfile.RULES_DIR.resolve("outage.yml"));
    }

    @Test
    void shouldScoreEachSeriesOfAnAnomalyRuleAndPublishTheScore() throws IOException {
        rules("anomaly.yml", """
                groups:
                  - name: anomaly
                    interval: 1s
                    rules:
                      - alert: DepthUnusual
                        anomaly:
                          query: perfsuite_test_anomaly_depth
                          sensitivity: 0.5
                """);
        set("perfsuite_test_anomaly_depth", "a", 3);

        await().atMost(BOUND).untilAsserted(() -> given().get("/v1/rules?rule=DepthUnusual").then().statusCode(200)
                .body("groups[0].rules[0].health", equalTo("ok"))
                .body("groups[0].rules[0].query", equalTo("perfsuite_test_anomaly_depth")));
        await().atMost(BOUND).untilAsserted(() -> assertThat(given().get("/q/metrics").asString())
                .containsPattern("perfsuite_anomaly_score\\{rule=\"DepthUnusual\",series=\"[^\"]+\"} [0-9.eE+-]+"));
        Files.delete(AlertingProfile.RULES_DIR.resolve("anomaly.yml"));
    }

    private static java.util.function.Predicate<JsonObject> alertname(String name, String status) {
        return body -> status.equals(body.getString("status"))
                && name.equals(body.getJsonObject("groupLabels", new JsonObject()).getString("alertname"));
    }

    private static void rules(String file, String yaml) throws IOException {
        Files.writeString(AlertingProfile.RULES_DIR.resolve(file), yaml);
    }

    private void set(String metric, String queue, double value) {
        gauges.computeIfAbsent(metric + "/" + queue, k -> {
            AtomicReference<Double> ref = new AtomicReference<>(0.0);
            Gauge.builder(metric, ref, AtomicReference::get).tag("queue", queue).register(registry);
            return ref;
        }).set(value);
    }
}
