package io.perfsuite.router.api;

import static io.perfsuite.router.api.RouterApi.READER;
import static io.perfsuite.router.api.RouterApi.metric;
import static io.perfsuite.router.api.RouterApi.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import io.perfsuite.testsupport.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** One connection per node and a short acquire timeout, so a single slow statement saturates the primary's pool. */
@QuarkusTest
@TestProfile(PoolExhaustionTest.OneConnection.class)
@WithTestResource(PostgresTestResource.class)
class PoolExhaustionTest {

    private static final Duration BOUND = Duration.ofSeconds(30);

    public static class OneConnection implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("router.pool.max-size", "1", "router.pool.acquire-timeout", "300ms");
        }
    }

    @Test
    void shouldRefuseWith503AndCountTheTimeoutWhenNoConnectionIsFree() {
        await().atMost(BOUND).untilAsserted(() -> RouterApi.replicas()
                .body("find { it.name == 'primary' }.healthy", equalTo(true)));
        double before = metric("router_pool_acquire_timeouts_total{node=\"primary\"}");
        CompletableFuture<Integer> slow = CompletableFuture.supplyAsync(() -> query(READER,
                Map.of("sql", "SELECT pg_sleep(3)", "consistency", "strong", "timeoutMs", 10_000))
                .extract().statusCode());
        await().atMost(BOUND).until(() -> metric("router_pool_in_use{node=\"primary\"}") == 1.0);

        query(READER, Map.of("sql", "SELECT 1", "consistency", "strong")).statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "2")
                .body("detail", containsString("router.pool.acquire-timeout=300 ms"));

        assertThat(metric("router_pool_acquire_timeouts_total{node=\"primary\"}")).isEqualTo(before + 1);
        assertThat(slow.join()).isEqualTo(200);
        // a busy pool says nothing about the node's health: its breaker stayed closed
        RouterApi.replicas().body("find { it.name == 'primary' }.breaker", equalTo("closed"));
        assertThat(metric("router_pool_in_use{node=\"primary\"}")).isZero();
        assertThat(metric("router_pool_waiting{node=\"primary\"}")).isZero();
    }
}
