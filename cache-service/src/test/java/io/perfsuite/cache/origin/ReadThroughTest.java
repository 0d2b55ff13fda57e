package io.perfsuite.cache.origin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.perfsuite.cache.OffsetClock;
import io.perfsuite.testsupport.RedisTestResource;
import io.perfsuite.testsupport.TestServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
@WithTestResource(RedisTestResource.class)
@WithTestResource(OriginServerResource.class)
class ReadThroughTest {

    private static final int READERS = 200;

    @TestServer
    OriginServer origin;

    @Inject
    OffsetClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void shouldLoadAMissFromTheOriginAndServeItFromCacheAfterwards() {
        String key = "k-" + UUID.randomUUID();

        given().get("/v1/cache/items/" + key).then()
                .statusCode(200).header("X-Cache-Tier", "ORIGIN").body(equalTo("item-" + key));
        given().get("/v1/cache/items/" + key).then()
                .statusCode(200).header("X-Cache-Tier", org.hamcrest.Matchers.oneOf("L1", "L2"));

        assertThat(origin.loads(key)).isEqualTo(1);
    }

    @Test
    void shouldCoalesceConcurrentReadersOfAnExpiredKeyIntoOneOriginLoad() throws Exception {
        String key = "k-" + UUID.randomUUID();
        given().get("/v1/cache/items/" + key).then().statusCode(200);
        clock.advance(Duration.ofSeconds(91)); // past max-age=60 and the 30 s stale-while-revalidate window

        List<Response> responses = readConcurrently(key, READERS);

        assertThat(responses).allSatisfy(r -> {
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.asString()).isEqualTo("item-" + key);
        });
        assertThat(origin.loads(key)).as("origin loads: the first fill plus exactly one per expiry").isEqualTo(2);
        assertThat(given().get("/q/metrics").asString()).containsPattern("cache_loads_coalesced_total [1-9]");
    }

    @Test
    void shouldServeStaleWithinStaleWhileRevalidateAndRefreshInTheBackground() {
        String key = "k-" + UUID.randomUUID();
        given().get("/v1/cache/items/" + key).then().statusCode(200);
        clock.advance(Duration.ofSeconds(70)); // expired 10 s ago, inside the 30 s window

        Response stale = given().get("/v1/cache/items/" + key).andReturn();

        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(Integer.parseInt(stale.header("Age"))).as("served the stale copy at once").isGreaterThanOrEqualTo(70);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(origin.loads(key)).isEqualTo(2));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                Integer.parseInt(given().get("/v1/cache/items/" + key).header("Age"))).isLessThan(70));
        assertThat(origin.loads(key)).as("one background refresh, not one per reader").isEqualTo(2);
    }

    @Test
    void shouldRememberAnOrigin404ForTheNegativeTtl() {
        String key = "missing-" + UUID.randomUUID();

        given().get("/v1/cache/items/" + key).then().statusCode(404);
        given().get("/v1/cache/items/" + key).then().statusCode(404);
        assertThat(origin.loads(key)).isEqualTo(1);

        clock.advance(Duration.ofSeconds(11));
        given().get("/v1/cache/items/" + key).then().statusCode(404);
        assertThat(origin.loads(key)).isEqualTo(2);
    }

    @Test
    void shouldServeStaleWhileTheOriginFailsWithinStaleIfError() {
        String key = "k-" + UUID.randomUUID();
        given().get("/v1/cache/items/" + key).then().statusCode(200);
        origin.failFor(key);

        clock.advance(Duration.ofSeconds(61));
        given().get("/v1/cache/items/" + key).then().statusCode(200).body(equalTo("item-" + key));

        clock.advance(Duration.ofMinutes(6)); // past the 5-minute stale-if-error window
        given().get("/v1/cache/items/" + key).then().statusCode(502).contentType("application/problem+json");
    }

    private static List<Response> readConcurrently(String key, int readers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(readers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < readers; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return given().get("/v1/cache/items/" + key).andReturn();
                }));
            }
            start.countDown();
            List<Response> responses = new ArrayList<>();
            for (Future<Response> f : futures) {
                responses.add(f.get(30, TimeUnit.SECONDS));
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }
}
