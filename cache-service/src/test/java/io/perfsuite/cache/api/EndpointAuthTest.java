package io.perfsuite.cache.api;

import static io.perfsuite.cache.ApiKeys.ADMIN;
import static io.perfsuite.cache.ApiKeys.READER;
import static io.perfsuite.cache.ApiKeys.WRITER;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.perfsuite.testsupport.RedisTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Every endpoint that is not a public read: refused without a key (401) and with a key one role too weak (403). */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class EndpointAuthTest {

    /** An endpoint, how to call it, and the strongest key that must still be refused (null: none is weaker). */
    record Endpoint(String name, String method, String path, String body, String tooWeak) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Endpoint> protectedEndpoints() {
        return Stream.of(
                new Endpoint("PUT key", "PUT", "/v1/cache/default/k", "v", READER),
                new Endpoint("DELETE key", "DELETE", "/v1/cache/default/k", null, READER),
                new Endpoint("invalidate tags", "POST", "/v1/cache/default/invalidate", "{\"tags\":[\"t\"]}", WRITER),
                new Endpoint("invalidate prefix", "POST", "/v1/cache/default/invalidate", "{\"prefix\":\"p\"}", WRITER),
                new Endpoint("batch-set", "POST", "/v1/cache/default/batch-set",
                        "{\"entries\":[{\"key\":\"k\",\"value\":\"v\"}]}", READER),
                new Endpoint("warm", "POST", "/v1/cache/default/warm", "{\"keys\":[\"k\"]}", READER),
                new Endpoint("stats", "GET", "/v1/cache/stats", null, null),
                new Endpoint("GET private key", "GET", "/v1/cache/private/k", null, null),
                new Endpoint("HEAD private key", "HEAD", "/v1/cache/private/k", null, null),
                new Endpoint("batch-get private", "POST", "/v1/cache/private/batch-get", "{\"keys\":[\"k\"]}", null),
                new Endpoint("warm progress private", "GET", "/v1/cache/private/warm", null, null));
    }

    static Stream<Arguments> weakKeys() {
        return protectedEndpoints().filter(e -> e.tooWeak() != null).map(e -> Arguments.of(e));
    }

    @ParameterizedTest
    @MethodSource("protectedEndpoints")
    void shouldRefuseACallWithoutAKey(Endpoint endpoint) {
        var refused = call(given(), endpoint).then().statusCode(401);
        if (!"HEAD".equals(endpoint.method())) {
            refused.contentType("application/problem+json");
        }
    }

    @ParameterizedTest
    @MethodSource("protectedEndpoints")
    void shouldRefuseAnUnknownKey(Endpoint endpoint) {
        call(given().header("X-API-Key", "not-a-configured-key-000"), endpoint).then().statusCode(401);
    }

    @ParameterizedTest
    @MethodSource("weakKeys")
    void shouldRefuseAKeyWhoseRoleIsTooWeak(Endpoint endpoint) {
        call(given().header("Authorization", "Bearer " + endpoint.tooWeak()), endpoint).then().statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void shouldShowStatsToAReadKey() {
        given().header("X-API-Key", READER).get("/v1/cache/stats").then().statusCode(200)
                .body("redisAvailable", equalTo(true));
        given().header("X-API-Key", ADMIN).get("/v1/cache/stats").then().statusCode(200);
    }

    private static io.restassured.response.Response call(RequestSpecification request, Endpoint endpoint) {
        if (endpoint.body() != null) {
            request = request.contentType(endpoint.body().startsWith("{") ? ContentType.JSON : ContentType.TEXT)
                    .body(endpoint.body());
        }
        return request.request(endpoint.method(), endpoint.path());
    }
}
