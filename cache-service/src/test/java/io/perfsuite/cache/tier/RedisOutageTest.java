package io.perfsuite.cache.tier;

import static io.perfsuite.cache.ApiKeys.WRITER;
import static io.perfsuite.cache.ApiKeys.as;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.perfsuite.cache.Recovery;
import io.perfsuite.testsupport.RedisServer;
import io.perfsuite.testsupport.RedisTestResource;
import io.perfsuite.testsupport.TestServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(RedisTestResource.class)
class RedisOutageTest {

    private static final Duration BOUND = Duration.ofSeconds(20);

    @TestServer
    RedisServer redis;

    @AfterEach
    void restoreRedis() {
        Recovery.restoreRedis(redis);
    }

    @Test
    void shouldKeepServingL1AndRefuseWritesWhileRedisIsDown() {
        String cached = "k-" + UUID.randomUUID();
        as(WRITER).body("before").put("/v1/cache/default/" + cached).then().statusCode(204);
        await().atMost(BOUND)
                .untilAsserted(() -> given().get("/v1/cache/default/" + cached).then().header("X-Cache-Tier", "L1"));

        redis.stop();

        given().get("/v1/cache/default/" + cached).then().statusCode(200).body(equalTo("before"));
        String written = "k-" + UUID.randomUUID();
        as(WRITER).body("during").put("/v1/cache/default/" + written).then()
                .statusCode(503).contentType("application/problem+json")
                .header("Retry-After", matchesPattern("[1-9][0-9]*"));
        // refused means not kept anywhere, not even in this replica's L1
        given().get("/v1/cache/default/" + written).then().statusCode(404);
        given().get("/v1/cache/default/absent").then().statusCode(404);
    }

    @Test
    void shouldFlushL1WhenRedisComesBackSoNothingStaleSurvives() {
        String key = "k-" + UUID.randomUUID();
        as(WRITER).body("old").put("/v1/cache/default/" + key).then().statusCode(204);
        await().atMost(BOUND).untilAsserted(() -> given().get("/v1/cache/default/" + key).then().header("X-Cache-Tier", "L1"));

        redis.stop();
        given().get("/v1/cache/default/" + key).then().statusCode(200).body(equalTo("old"));
        redis.start(); // empty: Redis runs without persistence, like a failed-over replica with lost data

        // L1 may have missed invalidations during the outage: it is flushed, and Redis is the truth again
        await().atMost(BOUND).untilAsserted(() -> given().get("/v1/cache/default/" + key).then()
                .statusCode(404).header("X-Cache-Degraded", nullValue()));
        as(WRITER).body("new").put("/v1/cache/default/" + key).then().statusCode(204)
                .header("X-Cache-Degraded", nullValue());
        given().get("/v1/cache/default/" + key).then().statusCode(200).body(equalTo("new"));
    }
}
