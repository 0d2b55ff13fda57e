package io.perfsuite.api.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ApiKeyAuthenticationTest {

    @Test
    void shouldServePublicEndpointWithoutKey() {
        given().get("/guarded/public").then().statusCode(200).body(equalTo("open"));
    }

    @Test
    void shouldRefuseProtectedEndpointWithoutKeyWithProblemBody() {
        given().get("/guarded/read").then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("status", equalTo(401), "field", equalTo("Authorization"), "rule", equalTo("authenticated"));
    }

    @Test
    void shouldRefuseUnknownKeyWithProblemBody() {
        given().header("X-API-Key", "not-a-configured-key").get("/guarded/read").then().statusCode(401)
                .contentType("application/problem+json")
                .body("detail", equalTo("unknown API key"));
    }

    @Test
    void shouldRefuseKeyWithoutTheRoleWith403() {
        given().header("X-API-Key", "viewer-secret-0123456789").get("/guarded/admin").then().statusCode(403)
                .contentType("application/problem+json")
                .body("status", equalTo(403), "rule", equalTo("role"));
    }

    @Test
    void shouldAcceptBearerTokenAndNameThePrincipalAfterTheKey() {
        given().header("Authorization", "Bearer viewer-secret-0123456789").get("/guarded/read").then()
                .statusCode(200).body(equalTo("viewer"));
    }

    @Test
    void shouldGrantImpliedRolesTransitively() {
        // admin includes write, write includes read
        given().header("X-API-Key", "ops-secret-0123456789").get("/guarded/read").then().statusCode(200)
                .body(equalTo("ops"));
        given().header("X-API-Key", "ops-secret-0123456789").get("/guarded/admin").then().statusCode(200);
    }

    @Test
    void shouldGuardHandlersOutsideJakartaRest() {
        given().get("/raw/admin").then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"));
        given().header("X-API-Key", "viewer-secret-0123456789").get("/raw/admin").then().statusCode(403)
                .body("detail", containsString("admin"));
        given().header("X-API-Key", "ops-secret-0123456789").get("/raw/admin").then().statusCode(200)
                .body(equalTo("ops"));
    }

    @Test
    void shouldAnswerUnknownKeyOutsideJakartaRestWithProblemBody() {
        // proactive authentication fails before the handler runs; the shared mappers still answer
        given().header("X-API-Key", "not-a-configured-key").get("/raw/admin").then().statusCode(401)
                .contentType("application/problem+json")
                .body("detail", equalTo("unknown API key"));
    }

    @Test
    void shouldNameTheFieldAndRuleOfAnInvalidBody() {
        given().header("X-API-Key", "ops-secret-0123456789").contentType("application/json")
                .body("{\"item\":\" \",\"quantity\":11}").post("/guarded/orders").then().statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("item"), "rule", equalTo("notBlank"),
                        "errors.field", org.hamcrest.Matchers.contains("item", "quantity"),
                        "errors.rule", org.hamcrest.Matchers.contains("notBlank", "max"));
    }

    @Test
    void shouldNameTheFieldOfMistypedJson() {
        given().header("X-API-Key", "ops-secret-0123456789").contentType("application/json")
                .body("{\"item\":\"x\",\"quantity\":\"many\"}").post("/guarded/orders").then().statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("quantity"), "rule", equalTo("type"));
        given().header("X-API-Key", "ops-secret-0123456789").contentType("application/json")
                .body("{\"item\":").post("/guarded/orders").then().statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("body"), "rule", equalTo("json"));
    }

    @Test
    void shouldAnswerUnknownPathWithProblem() {
        given().get("/guarded/nothing-here").then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404));
    }

    @Test
    void shouldHideInternalsOfUnexpectedFailures() {
        given().get("/guarded/broken").then().statusCode(500).contentType("application/problem+json")
                .body(not(containsString("secret internals")), not(containsString("at io.perfsuite")));
    }

    @Test
    void shouldKeepHeadersOfProblemException() {
        given().get("/guarded/busy").then().statusCode(503).header("Retry-After", "2")
                .contentType("application/problem+json").body("detail", equalTo("try later"));
    }
}
