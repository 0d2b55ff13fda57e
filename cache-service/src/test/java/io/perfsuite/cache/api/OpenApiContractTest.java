package io.perfsuite.cache.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

import io.perfsuite.testsupport.RedisTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Clients generate from /q/openapi, so reads, which live outside Jakarta REST, must still be in it. */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class OpenApiContractTest {

    @Test
    void shouldDescribeReadsBesideTheScannedWritesOfTheSamePath() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .rootPath("paths.'/v1/cache/{namespace}/{key}'")
                .body("get.operationId", equalTo("getValue"))
                .body("get.responses.'200'.headers.X-Cache-Tier", notNullValue())
                .body("get.responses.'404'.content.'application/problem+json'", notNullValue())
                .body("head.operationId", equalTo("headValue"))
                .body("put", notNullValue())
                .body("delete", notNullValue())
                // a write Redis did not take is refused, not acknowledged from one replica's L1
                .body("put.responses.'503'.headers.Retry-After", notNullValue())
                .body("put.responses.'503'.content.'application/problem+json'", notNullValue())
                .body("delete.responses.'503'.headers.Retry-After", notNullValue());
        given().queryParam("format", "json").get("/q/openapi").then()
                .body("paths.'/v1/cache/{namespace}/batch-set'.post.responses.'503'", notNullValue())
                .body("paths.'/v1/cache/{namespace}/invalidate'.post.responses.'503'", notNullValue());
    }
}
