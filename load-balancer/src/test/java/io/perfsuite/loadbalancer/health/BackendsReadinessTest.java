package io.perfsuite.loadbalancer.health;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.perfsuite.testsupport.TestServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(StubBackendResource.class)
class BackendsReadinessTest {

    private static final Duration BOUND = Duration.ofSeconds(20);

    @TestServer
    StubBackend backend;

    @AfterEach
    void restoreBackend() {
        if (!backend.isRunning()) {
            backend.start();
        }
    }

    @Test
    void shouldGoDownWithItsOnlyBackendAndComeBackWithIt() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'backends' }.data.healthy", equalTo(1));

        backend.stop();
        await().atMost(BOUND).untilAsserted(() -> given().get("/q/health/ready").then()
                .statusCode(503)
                .body("checks.find { it.name == 'backends' }.data.healthy", equalTo(0)));

        backend.start();
        await().atMost(BOUND).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
    }
}
