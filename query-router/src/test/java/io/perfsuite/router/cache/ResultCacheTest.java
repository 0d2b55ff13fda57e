package io.perfsuite.router.cache;

import static io.perfsuite.router.cache.RouterCalls.query;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.perfsuite.testsupport.PostgresCluster;
import io.perfsuite.testsupport.PostgresTestResource;
import io.perfsuite.testsupport.TestServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(CacheServiceTestResource.class)
class ResultCacheTest {

    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final AtomicInteger IDS = new AtomicInteger(100);
    private static final String READ = "SELECT owner FROM cached_accounts WHERE id = $1";

    @TestServer
    PostgresCluster postgres;

    @TestServer
    CacheServiceProcess cacheService;

    @Inject
    InMemorySpanExporter spans;

    @BeforeEach
    void schema() {
        postgres.execute("CREATE TABLE IF NOT EXISTS cached_accounts (id int PRIMARY KEY, owner text)");
        postgres.execute("CREATE TABLE IF NOT EXISTS audit_log_for_cache_test (n int)");
    }

    @AfterEach
    void restore() {
        cacheService.start();
        postgres.resumeReplay();
    }

    private static Map<String, Object> cachedRead(int id, String token) {
        return token == null
                ? Map.of("sql", READ, "params", List.of(id), "cacheTtl", 60)
                : Map.of("sql", READ, "params", List.of(id), "cacheTtl", 60, "consistency", "read-your-writes",
                        "consistencyToken", token);
    }

    private static String write(String sql, Object... params) {
        return query(RouterCalls.WRITER, Map.of("sql", sql, "params", List.of(params))).statusCode(200)
                .extract().path("consistencyToken");
    }

    @Test
    void shouldServeARepeatedReadFromTheCacheUntilItsTableIsWritten() {
        int id = IDS.incrementAndGet();
        String token = write("INSERT INTO cached_accounts VALUES ($1, 'before')", id);
        query(RouterCalls.READER, cachedRead(id, token)).statusCode(200).body("rows[0][0]", equalTo("before"));
        await().atMost(BOUND).untilAsserted(() -> query(RouterCalls.READER, cachedRead(id, token)).statusCode(200)
                .body("cached", equalTo(true)).body("routedTo", equalTo("cache")).body("rows[0][0]", equalTo("before")));

        // replay paused: only the cache or the primary could answer, and the cache must not
        postgres.pauseReplay();
        String afterWrite = write("UPDATE cached_accounts SET owner = 'after' WHERE id = $1", id);

        query(RouterCalls.READER, cachedRead(id, afterWrite)).statusCode(200)
                .body("cached", equalTo(false))
                .body("routedTo", equalTo("primary"))
                .body("rows[0][0]", equalTo("after"));
    }

    @Test
    void shouldApplyMaxRowsToACachedResultAsToAMiss() {
        String series = "SELECT g FROM generate_series(1, 20) g WHERE g > $1";
        Map<String, Object> all = Map.of("sql", series, "params", List.of(0), "cacheTtl", 60);
        await().atMost(BOUND).untilAsserted(() -> query(RouterCalls.READER, all).statusCode(200)
                .body("cached", equalTo(true)).body("rowCount", equalTo(20)));

        // the entry holds 20 rows; a caller allowing 10 gets the 422 a miss would give, not 20 rows
        Map<String, Object> atMostTen = new java.util.HashMap<>(all);
        atMostTen.put("maxRows", 10);
        query(RouterCalls.READER, atMostTen).statusCode(422)
                .contentType("application/problem+json")
                .body("field", equalTo("maxRows"))
                .body("rule", equalTo("max"));
        Map<String, Object> atMostTwenty = new java.util.HashMap<>(all);
        atMostTwenty.put("maxRows", 20);
        query(RouterCalls.READER, atMostTwenty).statusCode(200).body("cached", equalTo(true))
                .body("rowCount", equalTo(20));
    }

    @Test
    void shouldNotServeACachedResultOlderThanTheReadersToken() {
        int id = IDS.incrementAndGet();
        write("INSERT INTO cached_accounts VALUES ($1, 'v1')", id);
        postgres.awaitReplicaCaughtUp(BOUND);
        await().atMost(BOUND).untilAsserted(() -> query(RouterCalls.READER, cachedRead(id, null)).statusCode(200)
                .body("cached", equalTo(true)));

        // a write to another table leaves this entry in place, but its token is newer than the entry's data
        String token = write("INSERT INTO audit_log_for_cache_test VALUES (1)");
        query(RouterCalls.READER, cachedRead(id, token)).statusCode(200).body("cached", equalTo(false));
    }

    @Test
    void shouldNotStoreALaggingReplicasRowsThatAnAcknowledgedWriteReplaced() {
        int id = IDS.incrementAndGet();
        write("INSERT INTO cached_accounts VALUES ($1, 'old')", id);
        postgres.awaitReplicaCaughtUp(BOUND);
        postgres.pauseReplay();
        write("UPDATE cached_accounts SET owner = 'new' WHERE id = $1", id);

        // an eventual read may answer from the lagging replica, as it would uncached, but must not cache that answer
        query(RouterCalls.READER, cachedRead(id, null)).statusCode(200)
                .body("routedTo", equalTo("replica-1")).body("rows[0][0]", equalTo("old"));
        postgres.resumeReplay();
        postgres.awaitReplicaCaughtUp(BOUND);

        // a stored "old" would be served for its 60 s TTL
        await().atMost(BOUND).untilAsserted(() -> query(RouterCalls.READER, cachedRead(id, null)).statusCode(200)
                .body("rows[0][0]", equalTo("new")));
        await().atMost(BOUND).untilAsserted(() -> query(RouterCalls.READER, cachedRead(id, null)).statusCode(200)
                .body("cached", equalTo(true)).body("rows[0][0]", equalTo("new")));
    }

    @Test
    void shouldDropTheCachedResultsOfTheTablesATransactionWrote() {
        int id = IDS.incrementAndGet();
        write("INSERT INTO cached_accounts VALUES ($1, 'before-tx')", id);
        postgres.awaitReplicaCaughtUp(BOUND);
        await().atMost(BOUND).untilAsserted(() -> query(RouterCalls.READER, cachedRead(id, null)).statusCode(200)
                .body("cached", equalTo(true)).body("rows[0][0]", equalTo("before-tx")));

        RouterCalls.transaction(RouterCalls.WRITER, Map.of("statements", List.of(Map.of("sql",
                "UPDATE cached_accounts SET owner = 'after-tx' WHERE id = $1", "params", List.of(id)))))
                .statusCode(200);
        postgres.awaitReplicaCaughtUp(BOUND);

        // the entry would still say before-tx for its 60 s TTL had the transaction not dropped it
        query(RouterCalls.READER, cachedRead(id, null)).statusCode(200).body("rows[0][0]", equalTo("after-tx"));
    }

    @Test
    void shouldCarryTheCallersTraceIntoItsCallsToCacheService() {
        String traceId = "6bf92f3577b34da6a3ce929d0e0e4738";
        int id = IDS.incrementAndGet();
        write("INSERT INTO cached_accounts VALUES ($1, 'traced')", id);

        given().header("X-API-Key", RouterCalls.READER)
                .header("traceparent", "00-" + traceId + "-20f067aa0ba902b7-01")
                .contentType(ContentType.JSON).body(cachedRead(id, null))
                .when().post("/v1/query").then().statusCode(200);

        // the lookup's client span is in the caller's trace: its context is what goes out as traceparent
        await().atMost(BOUND).untilAsserted(() -> assertThat(spans.getFinishedSpanItems())
                .filteredOn(span -> span.getTraceId().equals(traceId) && span.getKind() == SpanKind.CLIENT)
                .isNotEmpty());
    }

    @Test
    void shouldKeepRunningQueriesWhileCacheServiceIsDownAndUseItAgainAfter() {
        int id = IDS.incrementAndGet();
        write("INSERT INTO cached_accounts VALUES ($1, 'x')", id);
        cacheService.stop();

        query(RouterCalls.READER, cachedRead(id, null)).statusCode(200).body("cached", equalTo(false));
        write("UPDATE cached_accounts SET owner = 'y' WHERE id = $1", id);

        cacheService.start();
        postgres.awaitReplicaCaughtUp(BOUND);
        await().atMost(BOUND).untilAsserted(() -> query(RouterCalls.READER, cachedRead(id, null)).statusCode(200)
                .body("cached", equalTo(true)).body("rows[0][0]", equalTo("y")));
    }
}
