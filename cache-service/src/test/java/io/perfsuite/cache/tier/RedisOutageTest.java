package io.perfsuite.cache.tier;

import static io.perfsuite.cache.ApiKeys.WRITER;
import static io.perfsuite.cache.ApiKeys.as;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
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
    void shouldKeepServingL1AndAcceptDegradedWritesWhileRedisIsDown() {
        String cached = "k-" + UUID.randomUUID();
        as(WRITER).body("before").put("/v1/cache/default/" + cached).then().statusCode(204);
        await().atMost(BOUND)
                .untilAsserted(() -> given().get("/v1/cache/default/" + cached).then().header("X-Cache-Tier", "L1"));

        redis.stop();

        given().get("/v1/cache/default/" + cached).then().statusCode(200).body(equalTo("before"));
        String written = "k-" + UUID.randomUUID();
        as(WRITER).body("during").put("/v1/cache/default/" + written).then()
                .statusCode(204).header("X-Cache-Degraded", "true");
        given().get("/v1/cache/default/" + written).then().statusCode(200).body(equalTo("during"));
        given().get("/v1/cache/default/absent").then().statusCode(404);
    }

    @Test
    void shouldFlushL1WhenRedisComesBackSoNothingStaleSurvives() {
        String key = "k-" + UUID.randomUUID();
        as(WRITER).body("old").put("/v1/cache/default/" + key).then().statusCode(204);
        await().atMost(BOUND).untilAsserted(() -> given().get("/v1/cache/default/" + key).then().header("X-Cache-Tier", "L1"));

        redis.stop();
        // a write this replica could only keep locally: after recovery it must not linger as a second truth
        as(WRITER).body("local-only").put("/v1/cache/default/" + key).then().header("X-Cache-Degraded", "true");
        redis.start(); // empty: Redis runs without persistence, like a failed-over replica with lost data

        await().atMost(BOUND).untilAsserted(() -> given().get("/v1/cache/default/" + key).then()
                .statusCode(404).header("X-Cache-Degraded", nullValue()));
        as(WRITER).body("new").put("/v1/cache/default/" + key).then().statusCode(204)
                .header("X-Cache-Degraded", nullValue());
        given().get("/v1/cache/default/" + key).then().statusCode(200).body(equalTo("new"));
    }
}
