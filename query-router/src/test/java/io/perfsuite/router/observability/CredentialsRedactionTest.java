package io.perfsuite.router.observability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.perfsuite.testsupport.PostgresCluster;
import io.perfsuite.testsupport.PostgresTestResource;
import io.perfsuite.testsupport.TestServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The test nodes' URIs carry the password ({@code postgresql://perfsuite:perfsuite@...}); nothing the router shows
 * may repeat it, nor a credential quoted by a failing statement.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class CredentialsRedactionTest {

    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final String NODE_PASSWORD = ":perfsuite@";
    private static final String QUOTED_PASSWORD = "leaked-pw-0042";
    private static final String READER = "test-reader-secret-0001";

    @TestServer
    PostgresCluster postgres;

    @Inject
    InMemorySpanExporter spans;

    @Test
    void shouldShowNodesWithoutTheirPasswordsInReplicasAndHealth() {
        given().header("X-API-Key", READER).when().get("/v1/replicas").then().statusCode(200)
                .body(not(containsString(NODE_PASSWORD)));
        given().when().get("/q/health/ready").then().body(not(containsString(NODE_PASSWORD)));
    }

    @Test
    void shouldShowAStoppedNodesErrorWithoutItsPassword() {
        postgres.stopReplica();
        try {
            await().atMost(BOUND).untilAsserted(() -> given().header("X-API-Key", READER).when().get("/v1/replicas")
                    .then().body("find { it.name == 'replica-1' }.healthy", equalTo(false)));
            given().header("X-API-Key", READER).when().get("/v1/replicas").then()
                    .body(not(containsString(NODE_PASSWORD)));
            given().when().get("/q/health/ready").then().body(not(containsString(NODE_PASSWORD)));
        } finally {
            postgres.startReplica();
        }
    }

    @Test
    void shouldKeepACredentialQuotedByAFailingStatementOutOfTheProblemBodyAndTheSpan() {
        String address = "postgresql://app:" + QUOTED_PASSWORD + "@db:5432/app";

        given().header("X-API-Key", READER).contentType(ContentType.JSON)
                .body(Map.of("sql", "SELECT $1::int", "params", List.of(address)))
                .when().post("/v1/query").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("postgresql://***@db:5432/app"))
                .body(not(containsString(QUOTED_PASSWORD)));

        await().atMost(BOUND).untilAsserted(() -> {
            List<SpanData> failed = spans.getFinishedSpanItems().stream()
                    .filter(span -> span.getEvents().stream().anyMatch(event -> event.getName().equals("exception")
                            && String.valueOf(event.getAttributes().asMap()).contains("postgresql://***@db")))
                    .toList();
            assertThat(failed).isNotEmpty();
        });
        assertThat(spans.getFinishedSpanItems()).allSatisfy(span -> {
            assertThat(String.valueOf(span.getAttributes().asMap())).doesNotContain(QUOTED_PASSWORD);
            span.getEvents().forEach(event -> assertThat(String.valueOf(event.getAttributes().asMap()))
                    .doesNotContain(QUOTED_PASSWORD));
        });
    }
}
