package io.perfsuite.monitor.notification.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.perfsuite.testsupport.RedisServer;
import io.perfsuite.testsupport.RedisTestResource;
import io.perfsuite.testsupport.TestServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@WithTestResource(RedisTestResource.class)
class SilencesResourceTest {

    @TestServer
    RedisServer redis;

    private static final String ADMIN = "test-admin-key-0123456789";
    private static final String VIEWER = "test-viewer-key-0123456789";
    private static final String VALID = """
            {"matchers":[{"name":"alertname","value":"CpuHigh"},{"name":"instance","value":"db-.*","isRegex":true}],
             "endsAt":"2099-01-01T00:00:00Z","comment":"planned maintenance"}""";

    @Test
    void shouldCreateListAndExpireSilenceWithAdminKey() {
        String id = given().header("Authorization", "Bearer " + ADMIN).contentType(ContentType.JSON).body(VALID)
                .post("/v1/silences").then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.containsString("/v1/silences/")).extract().path("silenceID");

        given().get("/v1/silences/" + id).then().statusCode(200)
                .body("status", equalTo("active"))
                .body("createdBy", equalTo("ops"))
                .body("matchers[1].isRegex", equalTo(true));

        given().header("X-API-Key", ADMIN).delete("/v1/silences/" + id).then().statusCode(204);
        given().get("/v1/silences").then().statusCode(200)
                .body("find { it.id == '" + id + "' }.status", equalTo("expired"));
        // expiring twice changes nothing
        given().header("X-API-Key", ADMIN).delete("/v1/silences/" + id).then().statusCode(204);
    }

    @Test
    void shouldRefuseSilenceWithoutKey() {
        given().contentType(ContentType.JSON).body(VALID).post("/v1/silences").then().statusCode(401)
                .contentType("application/problem+json");
        given().delete("/v1/silences/x").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void shouldRefuseSilenceFromKeyWithoutAdminRole() {
        given().header("X-API-Key", VIEWER).contentType(ContentType.JSON).body(VALID).post("/v1/silences").then()
                .statusCode(403).contentType("application/problem+json").body("rule", equalTo("role"));
    }

    @Test
    void shouldAnswer404ProblemForUnknownSilence() {
        given().header("X-API-Key", ADMIN).delete("/v1/silences/nope").then().statusCode(404)
                .contentType("application/problem+json").body("field", equalTo("id"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no matchers          | {"matchers":[],"endsAt":"2099-01-01T00:00:00Z"}                                          | matchers            | notEmpty
            bad label name       | {"matchers":[{"name":"1x","value":"a"}],"endsAt":"2099-01-01T00:00:00Z"}                 | matchers[0].name    | labelName
            bad regex            | {"matchers":[{"name":"a","value":"(","isRegex":true}],"endsAt":"2099-01-01T00:00:00Z"}  | matchers[0].value   | regex
            matches everything   | {"matchers":[{"name":"a","value":".*","isRegex":true}],"endsAt":"2099-01-01T00:00:00Z"} | matchers            | matchesEverything
            no end               | {"matchers":[{"name":"a","value":"b"}]}                                                   | endsAt              | required
            end in the past      | {"matchers":[{"name":"a","value":"b"}],"endsAt":"2000-01-01T00:00:00Z"}                 | endsAt              | afterStartsAt
            wrong type           | {"matchers":"alertname","endsAt":"2099-01-01T00:00:00Z"}                                  | matchers            | type
            """)
    void shouldRejectBadSilenceNamingFieldAndRule(String name, String body, String field, String rule) {
        given().header("X-API-Key", ADMIN).contentType(ContentType.JSON).body(body).post("/v1/silences").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem(field))
                .body("errors.find { it.field == '" + field + "' }.rule", equalTo(rule));
    }

    @Test
    void shouldAnswer503ProblemWhileRedisIsDown() {
        redis.stop();
        try {
            given().header("X-API-Key", ADMIN).contentType(ContentType.JSON).body(VALID).post("/v1/silences").then()
                    .statusCode(503).contentType("application/problem+json").header("Retry-After", "2");
            given().get("/v1/silences").then().statusCode(503);
        } finally {
            redis.start();
        }
    }

    @Test
    void shouldRejectUnknownAlertStateFilter() {
        given().get("/v1/alerts?state=burning").then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("state")).body("rule", equalTo("oneOf"));
    }
}
