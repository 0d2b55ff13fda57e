package io.perfsuite.cache.origin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.perfsuite.testsupport.RedisServer;
import io.perfsuite.testsupport.RedisTestResource;
import io.perfsuite.testsupport.TestServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** An origin answer past {@code cache.origin.max-body-bytes} (64K here) is a 502 and never lands in a tier. */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
@WithTestResource(OriginServerResource.class)
class OriginBodyCapTest {

    @TestServer
    OriginServer origin;

    @TestServer
    RedisServer redis;

    @ParameterizedTest
    @ValueSource(strings = {"huge-", "chunked-huge-"})
    void shouldAnswerBadGatewayAndCacheNothingPastTheBodyCap(String kind) {
        String key = kind + UUID.randomUUID();

        given().get("/v1/cache/items/" + key).then().statusCode(502)
                .contentType("application/problem+json")
                .body("status", equalTo(502))
                .body("detail", containsString("cap"));

        assertThat(redis.call("EXISTS", "ps:items:k:" + key)).isEqualTo("0");
        // nothing was kept in L1 either: the next reader loads again and is refused again
        given().get("/v1/cache/items/" + key).then().statusCode(502);
        assertThat(origin.loads(key)).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"small-"})
    void shouldStillLoadABodyUnderTheCap(String kind) {
        String key = kind + UUID.randomUUID();

        given().get("/v1/cache/items/" + key).then().statusCode(200).body(equalTo("item-" + key));
    }
}
