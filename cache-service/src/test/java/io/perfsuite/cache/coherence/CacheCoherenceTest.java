package io.perfsuite.cache.coherence;

import static io.perfsuite.cache.ApiKeys.ADMIN;
import static io.perfsuite.cache.ApiKeys.WRITER;
import static io.perfsuite.cache.ApiKeys.as;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.perfsuite.cache.entry.CacheEntry;
import io.perfsuite.cache.entry.EntryCodec;
import io.perfsuite.cache.tier.RedisKeys;
import io.perfsuite.testsupport.RedisTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;

/**
 * Another replica's writes reach Redis as plain SET/DEL/INCR on the same keys; this test plays that replica with its
 * own Redis connection and checks that this instance's L1 never keeps serving the old value.
 */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class CacheCoherenceTest {

    private static final Duration BOUND = Duration.ofSeconds(2);

    @Inject
    Redis redis;

    @Inject
    RedisKeys keys;

    @Test
    void shouldNotServeStaleL1ValueAfterAnotherReplicaWrites() {
        String key = warmL1("v1");

        otherReplicaSets(key, "v2");

        await().atMost(BOUND).pollInterval(Duration.ofMillis(5))
                .untilAsserted(() -> given().get("/v1/cache/default/" + key).then().statusCode(200).body(equalTo("v2")));
    }

    @Test
    void shouldMissAfterAnotherReplicaDeletes() {
        String key = warmL1("v1");

        redis.sendAndAwait(Request.cmd(Command.DEL).arg(keys.value("default", key)));

        await().atMost(BOUND).pollInterval(Duration.ofMillis(5))
                .untilAsserted(() -> given().get("/v1/cache/default/" + key).then().statusCode(404));
    }

    @Test
    void shouldMissTaggedL1EntryAfterAnotherReplicaInvalidatesTheTag() {
        String key = "k-" + UUID.randomUUID();
        String tag = "t-" + UUID.randomUUID();
        as(WRITER).queryParam("tags", tag).body("tagged").put("/v1/cache/default/" + key).then().statusCode(204);
        await().atMost(BOUND).untilAsserted(() -> given().get("/v1/cache/default/" + key).then().header("X-Cache-Tier", "L1"));

        redis.sendAndAwait(Request.cmd(Command.INCR).arg(keys.tag("default", tag)));

        await().atMost(BOUND).pollInterval(Duration.ofMillis(5))
                .untilAsserted(() -> given().get("/v1/cache/default/" + key).then().statusCode(404));
    }

    @Test
    void shouldKeepItsOwnWriteInL1BecauseNoLoopSuppressesItsInvalidation() {
        String marker = warmL1("marker");
        String key = "k-" + UUID.randomUUID();

        as(WRITER).body("mine").put("/v1/cache/default/" + key).then().statusCode(204);
        // Redis pushes invalidations in the order it ran the writes, so once the marker's invalidation (a later
        // write by another client) has arrived, an invalidation of our own write would have arrived too
        redis.sendAndAwait(Request.cmd(Command.DEL).arg(keys.value("default", marker)));
        await().atMost(BOUND).pollInterval(Duration.ofMillis(5))
                .untilAsserted(() -> given().get("/v1/cache/default/" + marker).then().statusCode(404));

        given().get("/v1/cache/default/" + key).then().statusCode(200).header("X-Cache-Tier", "L1").body(equalTo("mine"));
    }

    @Test
    void shouldMissItsOwnTaggedEntriesAtOnceAfterItInvalidatesTheTag() {
        String key = "k-" + UUID.randomUUID();
        String tag = "t-" + UUID.randomUUID();
        as(WRITER).queryParam("tags", tag).body("tagged").put("/v1/cache/default/" + key).then().statusCode(204);
        await().atMost(BOUND).untilAsserted(() -> given().get("/v1/cache/default/" + key).then().header("X-Cache-Tier", "L1"));

        as(ADMIN).contentType(ContentType.JSON).body(Map.of("tags", List.of(tag)))
                .post("/v1/cache/default/invalidate").then().statusCode(200);

        // no wait: with NOLOOP no invalidation comes back, so the acknowledged bump itself must retire the entry
        given().get("/v1/cache/default/" + key).then().statusCode(404);
    }

    private String warmL1(String value) {
        String key = "k-" + UUID.randomUUID();
        as(WRITER).body(value).put("/v1/cache/default/" + key).then().statusCode(204);
        await().atMost(BOUND).untilAsserted(() -> given().get("/v1/cache/default/" + key).then()
                .statusCode(200).header("X-Cache-Tier", "L1").body(equalTo(value)));
        return key;
    }

    private void otherReplicaSets(String key, String value) {
        Instant now = Instant.now();
        CacheEntry entry = CacheEntry.builder(value.getBytes(StandardCharsets.UTF_8), "text/plain", now)
                .freshUntil(now.plusSeconds(60)).build();
        byte[] encoded = new EntryCodec().encode(entry);
        redis.sendAndAwait(Request.cmd(Command.SET).arg(keys.value("default", key)).arg(
                io.vertx.mutiny.core.buffer.Buffer.buffer(encoded)).arg("PX").arg(60_000));
    }
}
