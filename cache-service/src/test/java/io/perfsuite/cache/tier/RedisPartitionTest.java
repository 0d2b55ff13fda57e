package io.perfsuite.cache.tier;

import static io.perfsuite.cache.ApiKeys.ADMIN;
import static io.perfsuite.cache.ApiKeys.READER;
import static io.perfsuite.cache.ApiKeys.WRITER;
import static io.perfsuite.cache.ApiKeys.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.inject.Inject;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.perfsuite.cache.ProxiedRedisResource;
import io.perfsuite.cache.TcpProxy;
import io.perfsuite.testsupport.RedisServer;
import io.perfsuite.testsupport.TestServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Redis unreachable while it keeps its data (the network is cut, Redis is not restarted empty): nothing the service
 * acknowledged may be undone when Redis is reachable again, and nothing it prints may show the Redis password.
 */
@QuarkusTest
@WithTestResource(ProxiedRedisResource.class)
class RedisPartitionTest {

    private static final Duration BOUND = Duration.ofSeconds(20);

    @TestServer
    RedisServer redis;

    @TestServer
    TcpProxy proxy;

    @Inject
    InMemorySpanExporter spans;

    @AfterEach
    void heal() {
        proxy.restore();
        awaitHealthy();
    }

    @Test
    void shouldRefuseADeleteWhileRedisIsUnreachableSoItIsNeverUndone() {
        String key = "k-" + UUID.randomUUID();
        as(WRITER).body("kept").put(path(key)).then().statusCode(204);

        proxy.cut();

        as(WRITER).delete(path(key)).then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", matchesPattern("[1-9][0-9]*"))
                .header("X-Cache-Degraded", nullValue());
        proxy.restore();
        awaitHealthy();
        // the delete was refused, not acknowledged: Redis still holding the value is the truth, on every replica
        given().get(path(key)).then().statusCode(200).body(equalTo("kept"));
        as(WRITER).delete(path(key)).then().statusCode(204);
        given().get(path(key)).then().statusCode(404);
    }

    @Test
    void shouldRefuseAPutWhileRedisIsUnreachableSoNoAcknowledgedValueIsLostOnRecovery() {
        String key = "k-" + UUID.randomUUID();
        as(WRITER).body("v1").put(path(key)).then().statusCode(204);
        await().atMost(BOUND).untilAsserted(() -> given().get(path(key)).then().header("X-Cache-Tier", "L1"));

        proxy.cut();

        // acknowledging v2 from L1 alone would be undone below, when Redis (which kept v1) is reachable again
        as(WRITER).body("v2").put(path(key)).then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", matchesPattern("[1-9][0-9]*"))
                .header("X-Cache-Degraded", nullValue());
        assertThat(redis.call("EXISTS", "ps:default:k:" + key)).isEqualTo("1");
        proxy.restore();
        awaitHealthy();
        given().get(path(key)).then().statusCode(200).body(equalTo("v1"));
        // the client kept the obligation and retries: now it is acknowledged and served
        as(WRITER).body("v2").put(path(key)).then().statusCode(204).header("X-Cache-Degraded", nullValue());
        given().get(path(key)).then().statusCode(200).body(equalTo("v2"));
        given().header("X-Cache-Bypass", "l1").get(path(key)).then().statusCode(200).body(equalTo("v2"));
    }

    @Test
    void shouldRefuseABatchSetWhileRedisIsUnreachable() {
        String key = "k-" + UUID.randomUUID();
        as(WRITER).body("v1").put(path(key)).then().statusCode(204);

        proxy.cut();

        as(WRITER).contentType(ContentType.JSON)
                .body(Map.of("entries", List.of(Map.of("key", key, "value", "v2"),
                        Map.of("key", key + "-new", "value", "new"))))
                .post("/v1/cache/default/batch-set")
                .then().statusCode(503).contentType("application/problem+json")
                .header("Retry-After", matchesPattern("[1-9][0-9]*"));
        proxy.restore();
        awaitHealthy();
        given().get(path(key)).then().statusCode(200).body(equalTo("v1"));
        given().get(path(key + "-new")).then().statusCode(404);
    }

    @Test
    void shouldRefuseATagInvalidationWhileRedisIsUnreachable() {
        String key = "k-" + UUID.randomUUID();
        String tag = "t-" + UUID.randomUUID();
        as(WRITER).queryParam("tags", tag).body("tagged").put(path(key)).then().statusCode(204);

        proxy.cut();

        as(ADMIN).contentType(ContentType.JSON).body(Map.of("tags", List.of(tag))).post("/v1/cache/default/invalidate")
                .then().statusCode(503).header("Retry-After", matchesPattern("[1-9][0-9]*"));
        as(ADMIN).contentType(ContentType.JSON).body(Map.of("prefix", key)).post("/v1/cache/default/invalidate")
                .then().statusCode(503).header("Retry-After", matchesPattern("[1-9][0-9]*"));
        proxy.restore();
        awaitHealthy();
        given().get(path(key)).then().statusCode(200).body(equalTo("tagged"));
        as(ADMIN).contentType(ContentType.JSON).body(Map.of("tags", List.of(tag))).post("/v1/cache/default/invalidate")
                .then().statusCode(200);
        given().get(path(key)).then().statusCode(404);
    }

    @Test
    void shouldStayReadyAndServeL1ThroughAPartition() {
        String key = "k-" + UUID.randomUUID();
        as(WRITER).body("hot").put(path(key)).then().statusCode(204);
        await().atMost(BOUND).untilAsserted(() -> given().get(path(key)).then().header("X-Cache-Tier", "L1"));

        proxy.cut();

        await().atMost(BOUND).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200)
                .body("checks[0].data.redis", equalTo("DOWN")).body("checks[0].data.degraded", equalTo(true)));
        given().get(path(key)).then().statusCode(200).body(equalTo("hot"));
    }

    @Test
    void shouldDetectASilentInvalidationStreamAndStopServingWhatItMissed() {
        String key = "k-" + UUID.randomUUID();
        as(WRITER).body("old").put(path(key)).then().statusCode(204);
        await().atMost(BOUND).untilAsserted(() -> given().get(path(key)).then().header("X-Cache-Tier", "L1"));

        // the partition closes nothing: the tracking connection looks open but no push gets through
        assertThat(proxy.silenceTracking()).isPositive();
        redis.call("DEL", "ps:default:k:" + key); // another replica's delete, whose invalidation is lost

        await().atMost(BOUND).untilAsserted(() -> given().get(path(key)).then().statusCode(404));
        // resubscribed on a new connection, and coherent again
        await().atMost(BOUND).until(() -> proxy.liveTrackingConnections() >= 1);
        await().atMost(BOUND).untilAsserted(() -> as(READER).get("/v1/cache/stats").then()
                .body("coherent", equalTo(true)));
    }

    @Test
    void shouldNeverShowTheRedisPasswordInStatsHealthOrLogs() {
        List<String> logged = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger("io.perfsuite.cache");
        logger.addHandler(capture);
        try {
            as(READER).get("/v1/cache/stats").then().statusCode(200)
                    .body("invalidationNodes[0]", matchesPattern("redis://\\*\\*\\*@127\\.0\\.0\\.1:[0-9]+"));

            proxy.cut();
            as(WRITER).body("v").put(path("k-" + UUID.randomUUID())); // fails on Redis, and may log why
            await().atMost(BOUND).untilAsserted(() -> assertThat(given().get("/q/health/ready").asString())
                    .contains("\"redis\": \"DOWN\"").doesNotContain(ProxiedRedisResource.PASSWORD));
            assertThat(as(READER).get("/v1/cache/stats").asString()).doesNotContain(ProxiedRedisResource.PASSWORD);
            proxy.restore();
            awaitHealthy();
        } finally {
            logger.removeHandler(capture);
        }
        assertThat(logged).anyMatch(line -> line.contains("redis://***@127.0.0.1:"));
        assertThat(logged).noneMatch(line -> line.contains(ProxiedRedisResource.PASSWORD));
    }

    @Test
    void shouldNotPutTheRedisPasswordInAnySpanAttribute() {
        String key = "k-" + UUID.randomUUID();
        as(WRITER).body("v").put(path(key)).then().statusCode(204);
        spans.reset();

        given().header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4737-b7ad6b7169203331-01")
                .header("X-Cache-Bypass", "l1").get(path(key)).then().statusCode(200).header("X-Cache-Tier", "L2");

        // the read's Redis command is a client span whose attributes name the server it talked to
        await().atMost(BOUND).untilAsserted(() -> assertThat(spans.getFinishedSpanItems())
                .anyMatch(span -> span.getKind() == SpanKind.CLIENT));
        assertThat(spans.getFinishedSpanItems()).allSatisfy(span -> assertThat(span.getAttributes().asMap().values())
                .map(String::valueOf).noneMatch(value -> value.contains(ProxiedRedisResource.PASSWORD)));
    }

    private void awaitHealthy() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            as(WRITER).body("probe").put(path("recovery-probe")).then().statusCode(204)
                    .header("X-Cache-Degraded", nullValue());
            as(READER).get("/v1/cache/stats").then().body("coherent", equalTo(true))
                    .body("redisAvailable", equalTo(true));
        });
    }

    private static String path(String key) {
        return "/v1/cache/default/" + key;
    }
}
