package io.perfsuite.cache.api;

import static io.perfsuite.cache.ApiKeys.ADMIN;
import static io.perfsuite.cache.ApiKeys.READER;
import static io.perfsuite.cache.ApiKeys.WRITER;
import static io.perfsuite.cache.ApiKeys.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.perfsuite.testsupport.RedisTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@WithTestResource(RedisTestResource.class)
class CacheResourceTest {

    static String uniqueKey() {
        return "k-" + UUID.randomUUID();
    }

    @Test
    void shouldReturnWhatWasPutWithItsContentTypeAndValidators() {
        String key = uniqueKey();
        as(WRITER).contentType("application/json").body("{\"id\":42}")
                .put("/v1/cache/default/" + key).then().statusCode(204);

        given().get("/v1/cache/default/" + key).then()
                .statusCode(200)
                .contentType("application/json")
                .body("id", equalTo(42))
                .header("ETag", notNullValue())
                .header("Age", notNullValue())
                .header("X-Cache-Tier", notNullValue());
    }

    @Test
    void shouldServeRepeatedReadsFromL1() {
        String key = uniqueKey();
        as(WRITER).body("hot").put("/v1/cache/default/" + key).then().statusCode(204);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> given().get("/v1/cache/default/" + key).then()
                .statusCode(200).header("X-Cache-Tier", "L1"));
    }

    @Test
    void shouldLeaveL1AloneOnWritesInAWriteAroundNamespace() {
        String key = uniqueKey();
        as(WRITER).body("v1").put("/v1/cache/around/" + key).then().statusCode(204);

        as(READER).get("/v1/cache/around/" + key).then().statusCode(200).header("X-Cache-Tier", "L2")
                .body(equalTo("v1"));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> as(READER).get("/v1/cache/around/" + key).then()
                .statusCode(200).header("X-Cache-Tier", "L1"));

        as(WRITER).body("v2").put("/v1/cache/around/" + key).then().statusCode(204);
        as(READER).get("/v1/cache/around/" + key).then().statusCode(200).header("X-Cache-Tier", "L2")
                .body(equalTo("v2"));
    }

    @Test
    void shouldCountAndTimeReadsPerTierInPrometheusMetrics() {
        String key = uniqueKey();
        as(WRITER).body("v").put("/v1/cache/default/" + key).then().statusCode(204);
        double before = l1Hits();

        given().get("/v1/cache/default/" + key).then().statusCode(200).header("X-Cache-Tier", "L1");
        given().get("/v1/cache/default/" + uniqueKey()).then().statusCode(404);

        assertThat(l1Hits()).isEqualTo(before + 1);
        String metrics = given().get("/q/metrics").asString();
        assertThat(metrics).contains("cache_reads_seconds_bucket{namespace=\"default\",result=\"hit\",tier=\"l1\"")
                .contains("cache_reads_seconds_count{namespace=\"default\",result=\"miss\",tier=\"l2\"}");
    }

    private static double l1Hits() {
        String line = given().get("/q/metrics").asString().lines()
                .filter(l -> l.startsWith("cache_reads_seconds_count{namespace=\"default\",result=\"hit\",tier=\"l1\"}"))
                .findFirst().orElse("x} 0");
        // the value follows the labels; an exemplar may follow the value
        return Double.parseDouble(line.substring(line.indexOf("} ") + 2).split(" ")[0]);
    }

    @Test
    void shouldAnswerL2WhenL1IsBypassed() {
        String key = uniqueKey();
        as(WRITER).body("v").put("/v1/cache/default/" + key).then().statusCode(204);

        given().header("X-Cache-Bypass", "l1").get("/v1/cache/default/" + key).then()
                .statusCode(200).header("X-Cache-Tier", "L2");
    }

    @Test
    void shouldAnswer304ForMatchingETag() {
        String key = uniqueKey();
        as(WRITER).body("v1").put("/v1/cache/default/" + key).then().statusCode(204);
        String etag = given().get("/v1/cache/default/" + key).then().statusCode(200).extract().header("ETag");

        given().header("If-None-Match", etag).get("/v1/cache/default/" + key).then().statusCode(304);
        given().header("If-None-Match", "\"other\"").get("/v1/cache/default/" + key).then().statusCode(200);
    }

    @Test
    void shouldMissAfterDelete() {
        String key = uniqueKey();
        as(WRITER).body("v").put("/v1/cache/default/" + key).then().statusCode(204);
        as(WRITER).delete("/v1/cache/default/" + key).then().statusCode(204);

        given().get("/v1/cache/default/" + key).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void shouldKeepSlashesInKeys() {
        as(WRITER).body("nested").put("/v1/cache/default/users/42/profile").then().statusCode(204);

        given().get("/v1/cache/default/users/42/profile").then().statusCode(200).body(equalTo("nested"));
    }

    @Test
    void shouldMissEveryEntryOfAnInvalidatedTagButKeepOthers() {
        String tagged = uniqueKey();
        String other = uniqueKey();
        String tag = "product-" + UUID.randomUUID();
        as(WRITER).queryParam("tags", tag + ",catalog").body("a").put("/v1/cache/default/" + tagged).then().statusCode(204);
        as(WRITER).header("Cache-Tags", "catalog").body("b").put("/v1/cache/default/" + other).then().statusCode(204);
        given().get("/v1/cache/default/" + tagged).then().statusCode(200);

        as(ADMIN).contentType(ContentType.JSON).body(Map.of("tags", new String[]{tag}))
                .post("/v1/cache/default/invalidate").then().statusCode(200).body("degraded", equalTo(false));

        given().get("/v1/cache/default/" + tagged).then().statusCode(404);
        given().get("/v1/cache/default/" + other).then().statusCode(200);
    }

    @Test
    void shouldInvalidateByPrefix() {
        String prefix = "p-" + UUID.randomUUID() + "/";
        as(WRITER).body("1").put("/v1/cache/default/" + prefix + "a").then().statusCode(204);
        as(WRITER).body("2").put("/v1/cache/default/" + prefix + "b").then().statusCode(204);
        as(WRITER).body("3").put("/v1/cache/default/keep-" + prefix).then().statusCode(204);

        as(ADMIN).contentType(ContentType.JSON).body(Map.of("prefix", prefix))
                .post("/v1/cache/default/invalidate").then().statusCode(200);

        given().get("/v1/cache/default/" + prefix + "a").then().statusCode(404);
        given().get("/v1/cache/default/" + prefix + "b").then().statusCode(404);
        given().get("/v1/cache/default/keep-" + prefix).then().statusCode(200);
    }

    @Test
    void shouldWriteAndReadBatches() {
        String a = uniqueKey();
        String b = uniqueKey();
        as(WRITER).contentType(ContentType.JSON)
                .body(Map.of("entries", new Object[]{Map.of("key", a, "value", "alpha", "ttl", "30s"),
                        Map.of("key", b, "value", "beta", "tags", new String[]{"t"})}))
                .post("/v1/cache/default/batch-set").then().statusCode(200).body("written", equalTo(2));

        given().contentType(ContentType.JSON).body(Map.of("keys", new String[]{a, b, "absent-" + a}))
                .post("/v1/cache/default/batch-get").then().statusCode(200)
                .body("results.found", equalTo(java.util.List.of(true, true, false)))
                .body("results[0].value", equalTo("YWxwaGE=")) // base64 of "alpha"
                .body("results.key", hasItems(a, b));
    }

    @Test
    void shouldExposeStats() {
        as(READER).get("/v1/cache/stats").then().statusCode(200)
                .body("redisAvailable", equalTo(true))
                .body("namespaces.default.l1MaxBytes", notNullValue());
    }

    @Test
    void shouldAnswerHeadWithTheHeadersOfGetAndNoBody() {
        String key = uniqueKey();
        as(WRITER).contentType("text/plain").body("a body HEAD must not send").put("/v1/cache/default/" + key).then()
                .statusCode(204);
        String etag = given().get("/v1/cache/default/" + key).then().statusCode(200).extract().header("ETag");

        given().head("/v1/cache/default/" + key).then().statusCode(200)
                .header("ETag", etag)
                .header("X-Cache-Tier", notNullValue())
                .body(equalTo(""));
        given().head("/v1/cache/default/" + uniqueKey()).then().statusCode(404);
    }

    @Test
    void shouldDecodeEscapedCharactersInKeysAsWritesDo() {
        String key = uniqueKey() + " with space+plus%";
        as(WRITER).body("escaped").put("/v1/cache/default/{key}", key).then().statusCode(204);

        given().get("/v1/cache/default/{key}", key).then().statusCode(200).body(equalTo("escaped"));
    }

    @Test
    void shouldNameReadsByTheirTemplateInHttpMetricsNotByKey() {
        String key = uniqueKey();
        as(WRITER).body("v").put("/v1/cache/default/" + key).then().statusCode(204);
        given().get("/v1/cache/default/" + key).then().statusCode(200);

        String metrics = given().get("/q/metrics").asString();
        assertThat(metrics).contains("uri=\"/v1/cache/{namespace}/{key}\"").doesNotContain(key);
        // the read route runs ahead of Quarkus' filters, but the binder meters the Vert.x server itself
        assertThat(metrics).as("api-support's latency buckets on the read route").containsPattern(
                "http_server_requests_seconds_bucket\\{[^}]*uri=\"/v1/cache/\\{namespace}/\\{key}\",le=\"0.001\"}");
    }
}
