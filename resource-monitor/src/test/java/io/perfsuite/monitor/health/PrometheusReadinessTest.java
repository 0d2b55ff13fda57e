package io.perfsuite.monitor.health;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.perfsuite.testsupport.PrometheusServer;
import io.perfsuite.testsupport.PrometheusTestResource;
import io.perfsuite.testsupport.TestServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(PrometheusTestResource.class)
class PrometheusReadinessTest {

    private static final Duration BOUND = Duration.ofSeconds(20);

    @TestServer
    PrometheusServer prometheus;

    @AfterEach
    void restorePrometheus() {
        if (!prometheus.isRunning()) {
            prometheus.start();
        }
    }

    @Test
    void shouldGoDownWhilePrometheusIsStoppedAndComeBackWithIt() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));

        prometheus.stop();
        await().atMost(BOUND).untilAsserted(() -> given().get("/q/health/ready").then()
                .statusCode(503)
                .body("checks.find { it.name == 'prometheus' }.status", equalTo("DOWN")));

        prometheus.start();
        await().atMost(BOUND).untilAsserted(() -> given().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP")));
    }
}
