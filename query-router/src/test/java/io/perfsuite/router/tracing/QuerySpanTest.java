package io.perfsuite.router.tracing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.perfsuite.testsupport.PostgresCluster;
import io.perfsuite.testsupport.PostgresTestResource;
import io.perfsuite.testsupport.TestServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class QuerySpanTest {

    private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

    @Inject
    InMemorySpanExporter spans;

    @TestServer
    PostgresCluster postgres;

    private SpanData finished(String traceId, String name) {
        return spans.getFinishedSpanItems().stream()
                .filter(span -> span.getTraceId().equals(traceId) && span.getName().equals(name))
                .findFirst().orElseThrow();
    }

    @Test
    void shouldRecordASpanPerQueryWithRouteNodeAndReasonInTheCallersTrace() {
        postgres.execute("CREATE SEQUENCE IF NOT EXISTS span_test_seq");

        given().header("X-API-Key", "test-writer-secret-0001")
                .header("traceparent", "00-" + TRACE_ID + "-b7ad6b7169203331-01")
                .contentType(ContentType.JSON).body(Map.of("sql", "SELECT nextval('span_test_seq')"))
                .when().post("/v1/query").then().statusCode(200);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            SpanData query = finished(TRACE_ID, "query-router query");
            assertThat(query.getAttributes().get(AttributeKey.stringKey("router.route"))).isEqualTo("primary");
            assertThat(query.getAttributes().get(AttributeKey.stringKey("router.reason"))).contains("nextval");
            assertThat(query.getAttributes().get(AttributeKey.stringKey("router.node"))).isEqualTo("primary");
        });
    }

    @Test
    void shouldRecordTheSpanOfAReplicaReadOnASharedConnectionInTheCallersTrace() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("X-API-Key", "test-reader-secret-0001")
                .contentType(ContentType.JSON).body(Map.of("sql", "SELECT 1")).when().post("/v1/query")
                .then().statusCode(200).body("routedTo", org.hamcrest.Matchers.equalTo("replica-1")));

        given().header("X-API-Key", "test-reader-secret-0001")
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .contentType(ContentType.JSON).body(Map.of("sql", "SELECT 2 AS two"))
                .when().post("/v1/query").then().statusCode(200);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            SpanData query = finished(traceId, "query-router query");
            // under the server span of the request, itself under the caller's span
            assertThat(query.getParentSpanContext().isValid()).isTrue();
            assertThat(query.getAttributes().get(AttributeKey.stringKey("router.route"))).isEqualTo("replica");
            assertThat(query.getAttributes().get(AttributeKey.stringKey("router.reason"))).contains("read-only SELECT");
            assertThat(query.getAttributes().get(AttributeKey.stringKey("router.node"))).isEqualTo("replica-1");
        });
    }

    @Test
    void shouldRecordATransactionSpanWithItsReason() {
        String traceId = "5bf92f3577b34da6a3ce929d0e0e4737";
        given().header("X-API-Key", "test-writer-secret-0001")
                .header("traceparent", "00-" + traceId + "-10f067aa0ba902b7-01")
                .contentType(ContentType.JSON).body(Map.of("statements", java.util.List.of(Map.of("sql", "SELECT 1"))))
                .when().post("/v1/transaction").then().statusCode(200);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            SpanData transaction = finished(traceId, "query-router transaction");
            assertThat(transaction.getAttributes().get(AttributeKey.stringKey("router.reason"))).contains("primary");
        });
    }
}
