package io.perfsuite.loadbalancer.health;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.perfsuite.loadbalancer.testing.ProxyBackendsResource;
import io.perfsuite.loadbalancer.testing.TestBackends;
import io.perfsuite.testsupport.TestServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(ProxyBackendsResource.class)
class ProxyReadinessTest {

    private static final Duration BOUND = Duration.ofSeconds(20);

    private final String management = ProxyBackendsResource.managementUrl();

    @TestServer
    TestBackends backends;

    @AfterEach
    void restore() {
        backends.get("echo-1").healthStatus = 200;
    }

    @Test
    void shouldTakeABackendOutWhenItsHealthCheckFailsAndBackWhenItPasses() {
        given().baseUri(management).get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'backends' }.data.echo", equalTo("2/2 available"));

        backends.get("echo-1").healthStatus = 500;
        await().atMost(BOUND).untilAsserted(() -> given().baseUri(management).get("/q/health/ready")
                .then().body("checks.find { it.name == 'backends' }.data.echo", equalTo("1/2 available")));

        backends.get("echo-1").healthStatus = 200;
        await().atMost(BOUND).untilAsserted(() -> given().baseUri(management).get("/q/health/ready")
                .then().body("checks.find { it.name == 'backends' }.data.echo", equalTo("2/2 available")));
    }
}
