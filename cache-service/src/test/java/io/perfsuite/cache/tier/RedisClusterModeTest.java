package io.perfsuite.cache.tier;

import static io.perfsuite.cache.ApiKeys.ADMIN;
import static io.perfsuite.cache.ApiKeys.READER;
import static io.perfsuite.cache.ApiKeys.WRITER;
import static io.perfsuite.cache.ApiKeys.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.perfsuite.testsupport.RedisCluster;
import io.perfsuite.testsupport.RedisTestResource;
import io.perfsuite.testsupport.TestServer;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;

/** The cache on a real 3-master Redis Cluster ({@code quarkus.redis.client-type=cluster}). */
@QuarkusTest
@WithTestResource(value = RedisTestResource.class, initArgs = @ResourceArg(name = RedisTestResource.CLUSTER_ARG, value = "true"))
class RedisClusterModeTest {

    private static final Duration BOUND = Duration.ofSeconds(2);

    @TestServer
    RedisCluster cluster;

    @Inject
    Redis redis;

    @Inject
    RedisKeys keys;

    @Inject
    Vertx vertx;

    @Test
    void shouldFollowInvalidationsFromEveryMaster() {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> as(READER).get("/v1/cache/stats").then()
                .body("coherent", equalTo(true)).body("invalidationNodes", hasSize(RedisCluster.MASTERS)));
        List<String> cached = IntStream.range(0, 12).mapToObj(i -> warmL1("c-" + UUID.randomUUID(), "v1")).toList();

        // another replica's writes, routed by slot to all three masters
        cached.forEach(key -> redis.sendAndAwait(Request.cmd(Command.DEL).arg(keys.value("default", key))));

        cached.forEach(key -> await().atMost(BOUND).pollInterval(Duration.ofMillis(5))
                .untilAsserted(() -> given().get("/v1/cache/default/" + key).then().statusCode(404)));
    }

    @Test
    void shouldInvalidateATagAcrossKeysOnDifferentMasters() {
        String tag = "t-" + UUID.randomUUID();
        List<String> tagged = IntStream.range(0, 12).mapToObj(i -> "t-" + UUID.randomUUID()).toList();
        tagged.forEach(key -> as(WRITER).queryParam("tags", tag).body("v").put("/v1/cache/default/" + key).then()
                .statusCode(204));

        as(ADMIN).contentType(ContentType.JSON).body(Map.of("tags", List.of(tag)))
                .post("/v1/cache/default/invalidate").then().statusCode(200).body("degraded", equalTo(false));

        tagged.forEach(key -> given().get("/v1/cache/default/" + key).then().statusCode(404));
    }

    @Test
    void shouldDeleteAPrefixOnEveryMaster() {
        String prefix = "p-" + UUID.randomUUID() + "/";
        List<String> written = IntStream.range(0, 30).mapToObj(i -> prefix + i).toList();
        written.forEach(key -> as(WRITER).body("v").put("/v1/cache/default/" + key).then().statusCode(204));
        assertThat(mastersHolding(prefix)).as("the keys spread over the cluster").isGreaterThan(1);

        as(ADMIN).contentType(ContentType.JSON).body(Map.of("prefix", prefix))
                .post("/v1/cache/default/invalidate").then().statusCode(200).body("degraded", equalTo(false));

        assertThat(mastersHolding(prefix)).isZero();
        written.forEach(key -> given().get("/v1/cache/default/" + key).then().statusCode(404));
    }

    private long mastersHolding(String prefix) {
        return cluster.uris().stream().filter(uri -> {
            Redis node = Redis.createClient(vertx, uri);
            try {
                var scan = node.sendAndAwait(Request.cmd(Command.SCAN).arg(0).arg("MATCH")
                        .arg(keys.valuePattern("default", prefix)).arg("COUNT").arg(10_000));
                return scan.get(1).size() > 0;
            } finally {
                node.close();
            }
        }).count();
    }

    private String warmL1(String key, String value) {
        as(WRITER).body(value).put("/v1/cache/default/" + key).then().statusCode(204);
        await().atMost(BOUND).untilAsserted(() -> given().get("/v1/cache/default/" + key).then()
                .statusCode(200).header("X-Cache-Tier", "L1").body(equalTo(value)));
        return key;
    }
}
