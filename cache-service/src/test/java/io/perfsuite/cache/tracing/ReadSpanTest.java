package io.perfsuite.cache.tracing;

import static io.perfsuite.cache.ApiKeys.WRITER;
import static io.perfsuite.cache.ApiKeys.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.perfsuite.testsupport.RedisTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(RedisTestResource.class)
class ReadSpanTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Inject
    InMemorySpanExporter spans;

    @Test
    void shouldRecordReadsInTheCallersTraceNamedByTheRouteTemplateNotTheKey() {
        String key = "traced-" + UUID.randomUUID();
        as(WRITER).body("v").put("/v1/cache/default/" + key).then().statusCode(204);
        spans.reset();

        given().header("traceparent", "00-" + TRACE_ID + "-b7ad6b7169203331-01")
                .get("/v1/cache/default/" + key).then().statusCode(200);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(spans.getFinishedSpanItems())
                .filteredOn(s -> s.getKind() == SpanKind.SERVER && s.getTraceId().equals(TRACE_ID))
                .singleElement()
                .satisfies(server -> {
                    assertThat(server.getName()).isEqualTo("GET /v1/cache/{namespace}/{key}");
                    assertThat(server.getParentSpanId()).isEqualTo("b7ad6b7169203331");
                    assertThat(server.getAttributes().get(AttributeKey.stringKey("cache.tier"))).isEqualTo("L1");
                    assertThat(server.getAttributes().get(AttributeKey.booleanKey("cache.hit"))).isTrue();
                }));
        assertThat(spans.getFinishedSpanItems()).map(SpanData::getName).noneMatch(name -> name.contains(key));
    }

    @Test
    void shouldMarkATracedMissOnItsSpan() {
        spans.reset();

        given().header("traceparent", "00-" + TRACE_ID + "-b7ad6b7169203331-01")
                .get("/v1/cache/default/absent-" + UUID.randomUUID()).then().statusCode(404);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(spans.getFinishedSpanItems())
                .filteredOn(s -> s.getKind() == SpanKind.SERVER && s.getTraceId().equals(TRACE_ID))
                .singleElement()
                .satisfies(server -> assertThat(server.getAttributes().get(AttributeKey.booleanKey("cache.hit")))
                        .isFalse()));
    }

    @Test
    void shouldSkipTheTracerForKeyReadsWithoutTraceContextButTraceWrites() {
        String key = "untraced-" + UUID.randomUUID();
        spans.reset();
        as(WRITER).body("v").put("/v1/cache/default/" + key).then().statusCode(204);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(spans.getFinishedSpanItems())
                .anySatisfy(span -> {
                    assertThat(span.getKind()).isEqualTo(SpanKind.SERVER);
                    assertThat(span.getName()).startsWith("PUT ");
                }));
        spans.reset();

        // test profile: root-read-ratio 0, so neither the L1 hit nor the L2 read (with its Redis GET) makes a span
        given().get("/v1/cache/default/" + key).then().statusCode(200).header("X-Cache-Tier", "L1");
        given().header("X-Cache-Bypass", "l1").get("/v1/cache/default/" + key).then().statusCode(200)
                .header("X-Cache-Tier", "L2");
        // a traced read after them: once its span is exported, theirs would have been too
        given().header("traceparent", "00-" + TRACE_ID + "-b7ad6b7169203331-01")
                .get("/v1/cache/default/" + key).then().statusCode(200);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(spans.getFinishedSpanItems())
                .anyMatch(span -> span.getKind() == SpanKind.SERVER && span.getTraceId().equals(TRACE_ID)));
        assertThat(spans.getFinishedSpanItems()).as("spans outside the traced read's trace")
                .allMatch(span -> span.getTraceId().equals(TRACE_ID));
    }

    @Test
    void shouldRecordTheRedisCallOfATracedL2ReadInsideTheReadsSpan() {
        String key = "traced-l2-" + UUID.randomUUID();
        as(WRITER).body("v").put("/v1/cache/default/" + key).then().statusCode(204);
        spans.reset();

        given().header("traceparent", "00-" + TRACE_ID + "-b7ad6b7169203331-01").header("X-Cache-Bypass", "l1")
                .get("/v1/cache/default/" + key).then().statusCode(200).header("X-Cache-Tier", "L2");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            SpanData server = spans.getFinishedSpanItems().stream()
                    .filter(s -> s.getKind() == SpanKind.SERVER && s.getTraceId().equals(TRACE_ID)).findFirst()
                    .orElseThrow();
            assertThat(server.getAttributes().get(AttributeKey.stringKey("cache.tier"))).isEqualTo("L2");
            assertThat(spans.getFinishedSpanItems())
                    .anySatisfy(client -> {
                        assertThat(client.getKind()).isEqualTo(SpanKind.CLIENT);
                        assertThat(client.getParentSpanId()).isEqualTo(server.getSpanId());
                    });
        });
    }
}
