package io.perfsuite.router.cache;

import static io.perfsuite.router.cache.RouterCalls.query;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.perfsuite.testsupport.PostgresCluster;
import io.perfsuite.testsupport.PostgresTestResource;
import io.perfsuite.testsupport.TestServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** cache-service answering three seconds late, against a 200 ms timeout and a breaker open for a minute. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(SlowCacheServiceResource.class)
class CacheServiceFaultToleranceTest {

    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final Map<String, Object> CACHED_READ = Map.of("sql", "SELECT id FROM ft_items WHERE id = $1",
            "params", List.of(1), "cacheTtl", 60);

    @TestServer
    PostgresCluster postgres;

    @TestServer
    SlowHttpServer slowCacheService;

    @BeforeEach
    void schema() {
        postgres.execute("CREATE TABLE IF NOT EXISTS ft_items (id int PRIMARY KEY)");
        postgres.execute("INSERT INTO ft_items VALUES (1) ON CONFLICT DO NOTHING");
        postgres.awaitReplicaCaughtUp(BOUND);
    }

    private static double metric(String series) {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(line -> line.startsWith(series + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1).split(" ")[0]))
                .findFirst().orElse(Double.NaN);
    }

    @Test
    void shouldStopCallingASlowCacheServiceOnceItsBreakerOpens() {
        int before = slowCacheService.requests();
        for (int i = 0; i < 12; i++) {
            query(RouterCalls.READER, CACHED_READ).statusCode(200).body("cached", equalTo(false))
                    .body("rows[0][0]", equalTo(1));
        }

        // the lookup and the store of the first read time out and open the breaker; the other eleven reads
        // never reach cache-service, instead of waiting out a timeout each
        assertThat(slowCacheService.requests() - before).isBetween(0, 3);
        assertThat(slowCacheService.requests()).as("calls did go out to the stand-in").isPositive();
        assertThat(metric("router_cache_service_breaker_open")).isEqualTo(1.0);
        String metrics = given().when().get("/q/metrics").then().extract().asString();
        assertThat(metrics).contains("ft_circuitbreaker_opened_total{method=\"cache-service\"");
    }

    @Test
    void shouldShowTheBreakerAndAnAddressWithoutCredentialsInHealthData() {
        await().atMost(BOUND).untilAsserted(() -> {
            query(RouterCalls.READER, CACHED_READ).statusCode(200);
            given().when().get("/q/health/ready").then()
                    .statusCode(200)
                    .body("checks.find { it.name == 'cache-service' }.status", equalTo("UP"))
                    .body("checks.find { it.name == 'cache-service' }.data.breaker", equalTo("open"))
                    .body("checks.find { it.name == 'cache-service' }.data.url", containsString("://***@"));
        });
        given().when().get("/q/health/ready").then()
                .body(not(containsString(SlowCacheServiceResource.PASSWORD)));
    }

    @Test
    void shouldAcknowledgeWritesWhileTheBreakerIsOpen() {
        await().atMost(BOUND).until(() -> {
            query(RouterCalls.READER, CACHED_READ).statusCode(200);
            return metric("router_cache_service_breaker_open") == 1.0;
        });
        int before = slowCacheService.requests();

        query(RouterCalls.WRITER, Map.of("sql", "UPDATE ft_items SET id = id WHERE id = 1")).statusCode(200)
                .body("routedTo", equalTo("primary"));
        query(RouterCalls.READER, CACHED_READ).statusCode(200).body("cached", equalTo(false));
        assertThat(slowCacheService.requests()).isEqualTo(before);
    }
}
