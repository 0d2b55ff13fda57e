package io.perfsuite.cache;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;

/** The API keys the %test profile configures, one per role. */
public final class ApiKeys {

    public static final String READER = "test-reader-secret-0001";
    public static final String WRITER = "test-writer-secret-0001";
    public static final String ADMIN = "test-admin-secret-00001";

    private ApiKeys() {
    }

    public static RequestSpecification as(String secret) {
        return given().header("Authorization", "Bearer " + secret);
    }
}
