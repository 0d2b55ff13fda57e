package io.perfsuite.cache.health;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;

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
class RedisReadinessTest {

    @TestServer
    RedisServer redis;

    @AfterEach
    void restoreRedis() {
        Recovery.restoreRedis(redis);
    }

    @Test
    void shouldBeReadyWhileRedisAnswers() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"));
    }

    @Test
    void shouldStayInRotationWhileRedisIsDownAndReportTheDegradedState() {
        // every replica loses Redis at once: leaving the rotation would take the Service down while L1 still serves
        redis.stop();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks[0].data.redis", equalTo("DOWN"))
                .body("checks[0].data.degraded", equalTo(true)));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/q/metrics").then()
                .body(containsString("cache_degraded 1.0")));

        redis.start();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("checks[0].data.redis", equalTo("UP"))
                .body("checks[0].data.degraded", equalTo(false)));
    }

    @Test
    void shouldStayLiveWhileRedisIsDown() {
        redis.stop();
        // liveness must not restart a pod for an outage it cannot fix
        given().when().get("/q/health/live").then().statusCode(200);
    }
}
