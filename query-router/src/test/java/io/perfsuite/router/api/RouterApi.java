package io.perfsuite.router.api;

import static io.restassured.RestAssured.given;

import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Requests against the router with the test profile's API keys. */
final class RouterApi {

    static final String READER = "test-reader-secret-0001";
    static final String WRITER = "test-writer-secret-0001";
    static final String ADMIN = "test-admin-secret-00001";

    private RouterApi() {
    }

    static ValidatableResponse query(String key, Map<String, ?> body) {
        return given().header("X-API-Key", key).contentType(ContentType.JSON).body(body)
                .when().post("/v1/query").then().log().ifValidationFails();
    }

    static ValidatableResponse query(String key, String sql, Object... params) {
        return query(key, Map.of("sql", sql, "params", java.util.List.of(params)));
    }

    static ValidatableResponse transaction(String key, Map<String, ?> body) {
        return given().header("X-API-Key", key).contentType(ContentType.JSON).body(body)
                .when().post("/v1/transaction").then().log().ifValidationFails();
    }

    static ValidatableResponse classify(String sql) {
        return given().header("X-API-Key", READER).contentType(ContentType.JSON).body(Map.of("sql", sql))
                .when().post("/v1/classify").then();
    }

    /** The value of one Prometheus series at /q/metrics, NaN when it is not there. */
    static double metric(String series) {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        // "<series> <value>" and, in OpenMetrics, an optional timestamp after it
        return metrics.lines().filter(line -> line.startsWith(series + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1).split(" ")[0]))
                .findFirst().orElse(Double.NaN);
    }

    static ValidatableResponse replicas() {
        return given().header("X-API-Key", READER).when().get("/v1/replicas").then().log().ifValidationFails();
    }
}
