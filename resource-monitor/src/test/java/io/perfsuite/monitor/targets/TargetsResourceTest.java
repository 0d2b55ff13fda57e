package io.perfsuite.monitor.targets;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.perfsuite.testsupport.PrometheusServer;
import io.perfsuite.testsupport.PrometheusTestResource;
import io.perfsuite.testsupport.TestServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

@QuarkusTest
@WithTestResource(PrometheusTestResource.class)
class TargetsResourceTest {

    @TestServer
    PrometheusServer prometheus;

    @AfterEach
    void restorePrometheus() {
        if (!prometheus.isRunning()) {
            prometheus.start();
        }
    }

    @Test
    void shouldShowThisServiceScrapedByPrometheus() {
        prometheus.addScrapeTarget("resource-monitor", "127.0.0.1:" + RestAssured.port, "/q/metrics");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/v1/targets").then()
                .statusCode(200)
                .body("targets.find { it.job == 'resource-monitor' }.health", equalTo("up"))
                .body("targets.find { it.job == 'resource-monitor' }.lastScrape", notNullValue()));
    }

    @Test
    void shouldAnswer503ProblemWhilePrometheusIsDown() {
        prometheus.stop();

        given().get("/v1/targets").then()
                .statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "5")
                .body("status", equalTo(503))
                .body("title", equalTo("Service Unavailable"));
    }
}
