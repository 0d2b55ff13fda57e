package io.perfsuite.cache.warm;

import static io.perfsuite.cache.ApiKeys.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.perfsuite.cache.ApiKeys;
import io.perfsuite.cache.Recovery;
import io.perfsuite.cache.origin.OriginServer;
import io.perfsuite.cache.origin.OriginServerResource;
import io.perfsuite.cache.tier.LocalTier;
import io.perfsuite.testsupport.RedisServer;
import io.perfsuite.testsupport.RedisTestResource;
import io.perfsuite.testsupport.TestServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@WithTestResource(RedisTestResource.class)
@WithTestResource(OriginServerResource.class)
class WarmTest {

    @TestServer
    OriginServer origin;

    @TestServer
    RedisServer redis;

    @Inject
    HotKeyRanking ranking;

    @Inject
    WarmStart warmStart;

    @Inject
    LocalTier local;

    @BeforeEach
    void redisIsBack() {
        // the stampede test before may have left the breaker open on a loaded machine
        Recovery.restoreRedis(redis);
    }

    @Test
    void shouldLoadWarmedKeysFromTheOriginInTheBackgroundAndReportProgress() {
        List<String> keys = IntStream.range(0, 5).mapToObj(i -> "w-" + UUID.randomUUID()).toList();
        String missing = "missing-" + UUID.randomUUID();
        List<String> requested = new java.util.ArrayList<>(keys);
        requested.add(missing);

        String jobId = as(ApiKeys.WRITER).contentType(ContentType.JSON).body(Map.of("keys", requested))
                .post("/v1/cache/items/warm").then()
                .statusCode(202).body("state", equalTo("RUNNING")).body("requested", equalTo(6))
                .extract().path("id");

        JsonPath job = await().atMost(Duration.ofSeconds(20)).until(() -> progressOf(jobId),
                p -> "DONE".equals(p.getString("state")));
        assertThat(job.getInt("loaded")).isEqualTo(5);
        assertThat(job.getInt("notFound")).isEqualTo(1);
        assertThat(job.getInt("completed")).isEqualTo(6);
        keys.forEach(key -> {
            given().get("/v1/cache/items/" + key).then().statusCode(200)
                    .header("X-Cache-Tier", org.hamcrest.Matchers.oneOf("L1", "L2")).body(equalTo("item-" + key));
            assertThat(origin.loads(key)).as("warmed once, then served from the cache").isEqualTo(1);
        });
    }

    @Test
    void shouldNotLoadKeysThatAreAlreadyCachedAgain() {
        String key = "w-" + UUID.randomUUID();
        given().get("/v1/cache/items/" + key).then().statusCode(200);

        String jobId = as(ApiKeys.WRITER).contentType(ContentType.JSON).body(Map.of("keys", List.of(key, key)))
                .post("/v1/cache/items/warm").then().statusCode(202).body("requested", equalTo(1))
                .extract().path("id");

        JsonPath job = await().atMost(Duration.ofSeconds(20)).until(() -> progressOf(jobId),
                p -> "DONE".equals(p.getString("state")));
        assertThat(job.getInt("alreadyCached")).isEqualTo(1);
        assertThat(origin.loads(key)).isEqualTo(1);
    }

    @Test
    void shouldRefuseToWarmANamespaceWithoutAnOrigin() {
        as(ApiKeys.WRITER).contentType(ContentType.JSON).body(Map.of("keys", List.of("a")))
                .post("/v1/cache/default/warm").then()
                .statusCode(409).contentType("application/problem+json")
                .body("errors[0].field", equalTo("namespace")).body("errors[0].rule", equalTo("read-through"));
    }

    @Test
    void shouldRequireTheWriteRoleToWarm() {
        given().contentType(ContentType.JSON).body(Map.of("keys", List.of("a"))).post("/v1/cache/items/warm").then()
                .statusCode(401);
        as(ApiKeys.READER).contentType(ContentType.JSON).body(Map.of("keys", List.of("a")))
                .post("/v1/cache/items/warm").then().statusCode(403);
    }

    @Test
    void shouldNameTheBadKeyInAWarmRequest() {
        as(ApiKeys.WRITER).contentType(ContentType.JSON).body(Map.of("keys", List.of("ok", "")))
                .post("/v1/cache/items/warm").then()
                .statusCode(400).body("errors[0].field", equalTo("keys[1]"));
        as(ApiKeys.WRITER).contentType(ContentType.JSON).body(Map.of("keys", List.of()))
                .post("/v1/cache/items/warm").then()
                .statusCode(400).body("errors[0].rule", equalTo("non-empty"));
    }

    @Test
    void shouldStillStoreAKeyNamedWarm() {
        as(ApiKeys.WRITER).contentType(ContentType.TEXT).body("a value").put("/v1/cache/default/warm").then()
                .statusCode(204);

        as(ApiKeys.READER).contentType(ContentType.JSON).body(Map.of("keys", List.of("warm")))
                .post("/v1/cache/default/batch-get").then().statusCode(200).body("results[0].found", equalTo(true));
    }

    @Test
    void shouldPreloadTheHottestKeysIntoAnEmptyL1() {
        String hot = "hot-" + UUID.randomUUID();
        String cold = "cold-" + UUID.randomUUID();
        as(ApiKeys.WRITER).contentType(ContentType.TEXT).body("h").put("/v1/cache/default/" + hot).then().statusCode(204);
        as(ApiKeys.WRITER).contentType(ContentType.TEXT).body("c").put("/v1/cache/default/" + cold).then().statusCode(204);
        for (int i = 0; i < 50; i++) {
            given().get("/v1/cache/default/" + hot).then().statusCode(200);
        }
        ranking.flush().await().atMost(Duration.ofSeconds(5));
        assertThat(ranking.hottest("default", 1).await().atMost(Duration.ofSeconds(5))).containsExactly(hot);

        local.flush(); // as on a new replica, or after a lost invalidation stream
        WarmStart.Report report = warmStart.run().await().atMost(Duration.ofSeconds(10));

        assertThat(report.namespaces().get("default").loaded()).isGreaterThanOrEqualTo(1);
        given().get("/v1/cache/default/" + hot).then().statusCode(200).header("X-Cache-Tier", "L1")
                .body(equalTo("h"));
        given().get("/v1/cache/default/" + cold).then().statusCode(200).header("X-Cache-Tier", "L2");
    }

    @Test
    void shouldListJobsInProgressResponses() {
        String jobId = as(ApiKeys.WRITER).contentType(ContentType.JSON)
                .body(Map.of("keys", List.of("w-" + UUID.randomUUID())))
                .post("/v1/cache/items/warm").then().statusCode(202).extract().path("id");

        given().get("/v1/cache/items/warm").then().statusCode(200).body("jobs.id", hasItem(jobId));
    }

    private static JsonPath progressOf(String jobId) {
        List<Map<String, Object>> jobs = given().get("/v1/cache/items/warm").then().statusCode(200)
                .extract().jsonPath().getList("jobs");
        return jobs.stream().filter(j -> jobId.equals(j.get("id"))).findFirst()
                .map(j -> new JsonPath(toJson(j))).orElseThrow();
    }

    private static String toJson(Map<String, Object> map) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(map);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
