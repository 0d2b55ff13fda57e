package io.perfsuite.router.cache;

import static io.restassured.RestAssured.given;

import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Requests against the router with the test profile's API keys. */
final class RouterCalls {

    static final String READER = "test-reader-secret-0001";
    static final String WRITER = "test-writer-secret-0001";

    private RouterCalls() {
    }

    static ValidatableResponse query(String key, Map<String, ?> body) {
        return given().header("X-API-Key", key).contentType(ContentType.JSON).body(body)
                .when().post("/v1/query").then().log().ifValidationFails();
    }

    static ValidatableResponse transaction(String key, Map<String, ?> body) {
        return given().header("X-API-Key", key).contentType(ContentType.JSON).body(body)
                .when().post("/v1/transaction").then().log().ifValidationFails();
    }
}
