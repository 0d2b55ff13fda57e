package io.perfsuite.cache;

import static io.perfsuite.cache.ApiKeys.READER;
import static io.perfsuite.cache.ApiKeys.WRITER;
import static io.perfsuite.cache.ApiKeys.as;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;

import io.perfsuite.testsupport.RedisServer;

/**
 * Test classes sharing one Redis share one application: a test that stops Redis hands the next one an application
 * that is still reconnecting. This restarts Redis and waits until writes reach it and L1 is coherent again.
 */
public final class Recovery {

    private Recovery() {
    }

    public static void restoreRedis(RedisServer redis) {
        if (!redis.isRunning()) {
            redis.start();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            as(WRITER).body("probe").put("/v1/cache/default/recovery-probe").then()
                    .statusCode(204).header("X-Cache-Degraded", nullValue());
            as(READER).get("/v1/cache/stats").then().body("coherent", equalTo(true)).body("redisAvailable", equalTo(true));
        });
    }
}
