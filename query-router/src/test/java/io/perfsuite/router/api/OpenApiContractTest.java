package io.perfsuite.router.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

import io.perfsuite.testsupport.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Clients generate from /q/openapi, so /v1/query, which lives outside Jakarta REST, must still be in it. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class OpenApiContractTest {

    @Test
    void shouldDescribeQueryBesideTheScannedEndpoints() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/v1/query'.post.operationId", equalTo("query"))
                .body("paths.'/v1/query'.post.requestBody.content.'application/json'.schema.'$ref'",
                        equalTo("#/components/schemas/QueryRequest"))
                .body("paths.'/v1/query'.post.responses.'503'.headers.Retry-After", notNullValue())
                .body("components.schemas.QueryRequest.required", hasItem("sql"))
                .body("paths.'/v1/query/stream'.post.operationId", equalTo("streamQuery"))
                .body("paths.'/v1/query/stream'.post.responses.'200'.content.'application/x-ndjson'", notNullValue())
                .body("paths.'/v1/transaction'.post", notNullValue())
                .body("paths.'/v1/classify'.post", notNullValue());
    }
}
