package io.perfsuite.cache.api;

import static io.perfsuite.cache.ApiKeys.ADMIN;
import static io.perfsuite.cache.ApiKeys.READER;
import static io.perfsuite.cache.ApiKeys.WRITER;
import static io.perfsuite.cache.ApiKeys.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.perfsuite.testsupport.RedisTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@WithTestResource(RedisTestResource.class)
class BadInputTest {

    @Test
    void shouldRejectUnknownNamespaceNamingTheField() {
        as(WRITER).body("v").put("/v1/cache/nope/k").then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("namespace"))
                .body("errors[0].rule", equalTo("known"));
    }

    @Test
    void shouldRejectMalformedTtl() {
        as(WRITER).queryParam("ttl", "soon").body("v").put("/v1/cache/default/k").then()
                .statusCode(400)
                .body("errors[0].field", equalTo("ttl"))
                .body("errors[0].rule", equalTo("duration"))
                .body("detail", containsString("30s"));
    }

    @Test
    void shouldRejectKeysOver512Bytes() {
        as(WRITER).body("v").put("/v1/cache/default/" + "x".repeat(513)).then()
                .statusCode(400)
                .body("errors[0].field", equalTo("key"))
                .body("errors[0].rule", equalTo("max-bytes"));
    }

    @Test
    void shouldRejectValuesOverTheLimitWith413() {
        as(WRITER).body(new byte[1024 * 1024 + 1]).put("/v1/cache/default/big").then()
                .statusCode(413)
                .body("errors[0].rule", equalTo("max-bytes"));
    }

    @Test
    void shouldRejectInvalidationWithBothTagsAndPrefix() {
        as(ADMIN).contentType(ContentType.JSON).body(Map.of("tags", new String[]{"a"}, "prefix", "p"))
                .post("/v1/cache/default/invalidate").then()
                .statusCode(400)
                .body("errors[0].rule", equalTo("exactly-one"));
    }

    @Test
    void shouldRejectBrokenJsonWithAProblemNotAStackTrace() {
        as(ADMIN).contentType(ContentType.JSON).body("{\"tags\": [")
                .post("/v1/cache/default/invalidate").then()
                .statusCode(400)
                .contentType("application/problem+json")
                // the suite's mapper names where in the document it broke
                .body("errors[0].field", equalTo("tags[0]"));
    }

    @Test
    void shouldRequireAKeyToWrite() {
        given().body("v").put("/v1/cache/default/k").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void shouldRejectAnUnknownKey() {
        as("not-a-configured-key-at-all").body("v").put("/v1/cache/default/k").then()
                .statusCode(401).body("detail", equalTo("unknown API key"));
    }

    @Test
    void shouldForbidWritesWithAReadOnlyKey() {
        as(READER).body("v").put("/v1/cache/default/k").then().statusCode(403);
    }

    @Test
    void shouldForbidInvalidationWithAWriterKey() {
        as(WRITER).contentType(ContentType.JSON).body(Map.of("prefix", "p"))
                .post("/v1/cache/default/invalidate").then().statusCode(403);
    }

    @Test
    void shouldRequireAKeyToReadAPrivateNamespace() {
        given().get("/v1/cache/private/k").then().statusCode(401);
        as(READER).get("/v1/cache/private/k").then().statusCode(404);
    }
}
