package io.perfsuite.router.health;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.perfsuite.testsupport.PostgresCluster;
import io.perfsuite.testsupport.PostgresTestResource;
import io.perfsuite.testsupport.TestServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class NodesReadinessTest {

    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final String NODES = "checks.find { it.name == 'postgresql-nodes' }.data.";
    private static final String PRIMARY = NODES + "'primary'";
    private static final String REPLICA = NODES + "'replica-1'";

    @TestServer
    PostgresCluster postgres;

    @AfterEach
    void restoreNodes() {
        postgres.startPrimary();
        postgres.startReplica();
    }

    @Test
    void shouldReportPrimaryWritableAndReplicaInRecovery() {
        readiness().statusCode(200)
                .body("status", equalTo("UP"))
                .body(PRIMARY, startsWith("UP"))
                .body(PRIMARY, containsString("accepting writes"))
                .body(REPLICA, containsString("in recovery"));
    }

    @Test
    void shouldStayReadyOnThePrimaryWhenTheReplicaStops() {
        postgres.stopReplica();

        await().atMost(BOUND).untilAsserted(() -> readiness().statusCode(200)
                .body(REPLICA, startsWith("DOWN"))
                .body(PRIMARY, startsWith("UP")));
    }

    @Test
    void shouldGoDownWhenNoNodeAnswersAndComeBackWithThem() {
        postgres.stopReplica();
        postgres.stopPrimary();
        await().atMost(BOUND).untilAsserted(() -> readiness().statusCode(503).body("status", equalTo("DOWN")));

        postgres.startPrimary();
        postgres.startReplica();
        await().atMost(BOUND).untilAsserted(() -> readiness().statusCode(200)
                .body(PRIMARY, startsWith("UP"))
                .body(REPLICA, startsWith("UP")));
    }

    private static ValidatableResponse readiness() {
        return given().when().get("/q/health/ready").then();
    }
}
