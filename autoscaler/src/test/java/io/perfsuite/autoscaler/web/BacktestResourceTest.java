package io.perfsuite.autoscaler.web;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.perfsuite.testsupport.PrometheusTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

@QuarkusTest
@WithKubernetesTestServer(crud = true)
@WithTestResource(PrometheusTestResource.class)
class BacktestResourceTest {

    private static final String KEY = "test-backtest-secret-01";

    private static String demand(int minutes) {
        StringBuilder points = new StringBuilder("[");
        Instant start = Instant.parse("2026-03-01T00:00:00Z");
        for (int i = 0; i < minutes; i++) {
            double value = i < minutes / 2 ? 100 : 450;
            points.append(i == 0 ? "" : ",").append("{\"time\":\"").append(start.plusSeconds(60L * i))
                    .append("\",\"value\":").append(value).append('}');
        }
        return points.append(']').toString();
    }

    private static String body(int min, int max, String demand) {
        return """
                {"policy": {"targetRef": {"kind": "Deployment", "name": "web"},
                            "minReplicas": %d, "maxReplicas": %d,
                            "metrics": [{"name": "rps", "query": "sum(rate(http_requests_total[1m]))",
                                         "target": {"type": "AverageValue", "value": 100}}]},
                 "demand": %s, "capacityPerReplica": 125, "podStartupSeconds": 60}
                """.formatted(min, max, demand);
    }

    @Test
    void shouldRunThePolicyAndTheReferenceHpaSideBySide() {
        given().header("X-API-Key", KEY).contentType("application/json").body(body(1, 20, demand(30)))
                .post("/v1/backtest").then().statusCode(200)
                .body("steps", hasSize(30))
                .body("steps[29].policyReplicas", equalTo(5))
                .body("steps[29].referenceReplicas", equalTo(5))
                .body("policy.summary.scaleEvents", equalTo(1))
                .body("policy.summary.underProvisionedMinutes", greaterThan(0f))
                .body("referenceHpa.summary.replicaHours", greaterThan(0f))
                .body("replicaHoursRatio", equalTo(1.0f));
        // api-support's latency buckets on Quarkus' HTTP metrics (recorded as the response ends, so looked for again)
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/q/metrics").then().body(containsString(
                "http_server_requests_seconds_bucket{method=\"POST\",outcome=\"SUCCESS\",status=\"200\",uri=\"/v1/backtest\",le=\"0.001\"}")));
    }

    @Test
    void shouldKeepARecommendOnlyPolicysReplicasAndReportItsRecommendations() {
        String request = body(1, 20, demand(30)).replace("\"minReplicas\"", "\"mode\": \"Recommend\", \"minReplicas\"");

        given().header("X-API-Key", KEY).contentType("application/json").body(request).post("/v1/backtest").then()
                .statusCode(200)
                .body("policy.mode", equalTo("RECOMMEND"))
                .body("referenceHpa.mode", equalTo("AUTO"))
                .body("steps[29].policyReplicas", equalTo(1))
                .body("steps[29].policyRecommendation", equalTo(5))
                .body("steps[29].referenceReplicas", equalTo(5))
                .body("policy.summary.scaleEvents", equalTo(0))
                .body("policy.summary.peakRecommendation", equalTo(5))
                .body("policy.summary.recommendationChanges", equalTo(1));
    }

    @Test
    void shouldReadTheDemandFromAPrometheusRangeQuery() {
        Instant to = Instant.now();
        String range = """
                {"query": "vector(450)", "from": "%s", "to": "%s", "stepSeconds": 60}
                """.formatted(to.minusSeconds(600), to);
        String request = body(1, 20, "null").replace("\"demand\": null", "\"prometheus\": " + range);

        given().header("X-API-Key", KEY).contentType("application/json").body(request).post("/v1/backtest").then()
                .statusCode(200)
                .body("steps", hasSize(11))
                .body("steps[0].demand", equalTo(450.0f))
                .body("steps[10].policyReplicas", equalTo(5));
    }

    @Test
    void shouldRequireAnApiKeyWithTheBacktestRole() {
        given().contentType("application/json").body(body(1, 20, demand(10))).post("/v1/backtest").then()
                .statusCode(401).contentType("application/problem+json")
                .body("field", equalTo("Authorization")).body("rule", equalTo("authenticated"));
        given().header("X-API-Key", "not-a-key-of-this-service").contentType("application/json")
                .body(body(1, 20, demand(10))).post("/v1/backtest").then().statusCode(401)
                .contentType("application/problem+json");
        // a valid key without the role
        given().header("X-API-Key", "test-reader-secret-0001").contentType("application/json")
                .body(body(1, 20, demand(10))).post("/v1/backtest").then().statusCode(403)
                .contentType("application/problem+json").body("rule", equalTo("role"));
        // the same request with the role, as a bearer token
        given().header("Authorization", "Bearer " + KEY).contentType("application/json")
                .body(body(1, 20, demand(10))).post("/v1/backtest").then().statusCode(200);
    }

    @Test
    void shouldNameTheFieldAndRuleOfAnInvalidPolicy() {
        given().header("X-API-Key", KEY).contentType("application/json").body(body(8, 3, demand(10)))
                .post("/v1/backtest").then().statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("policy.minReplicas"))
                .body("rule", equalTo("minReplicas<=maxReplicas"))
                .body("errors[0].field", equalTo("policy.minReplicas"));
    }

    @Test
    void shouldRejectAMissingCapacityAndUnorderedPoints() {
        given().header("X-API-Key", KEY).contentType("application/json")
                .body(body(1, 20, demand(10)).replace("\"capacityPerReplica\": 125,", "")).post("/v1/backtest")
                .then().statusCode(400).body("field", equalTo("capacityPerReplica"));
        String unordered = "[{\"time\":\"2026-03-01T00:01:00Z\",\"value\":1},{\"time\":\"2026-03-01T00:00:00Z\","
                + "\"value\":1}]";
        given().header("X-API-Key", KEY).contentType("application/json").body(body(1, 20, unordered))
                .post("/v1/backtest").then().statusCode(400).body("field", equalTo("demand[1].time"))
                .body("rule", equalTo("increasing"));
    }

    @Test
    void shouldAnswerAProblemForMalformedJson() {
        given().header("X-API-Key", KEY).contentType("application/json").body("{\"policy\": [")
                .post("/v1/backtest").then().statusCode(400).contentType("application/problem+json");
    }
}
