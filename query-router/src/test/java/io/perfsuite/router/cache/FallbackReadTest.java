package io.perfsuite.router.cache;

import static io.perfsuite.router.cache.RouterCalls.query;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.perfsuite.router.consistency.ConsistencyToken;
import io.perfsuite.testsupport.PostgresCluster;
import io.perfsuite.testsupport.PostgresTestResource;
import io.perfsuite.testsupport.TestServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * A read the classifier sends to a replica but that runs on the primary stands in for a replica read: it gets the
 * token a statement on the primary gets, and a replica's refusal of writes, so a "read" that writes still
 * invalidates what it wrote.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(CacheServiceTestResource.class)
class FallbackReadTest {

    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final String TOKEN = "\\d+:[0-9A-F]+/[0-9A-F]+";
    private static final String REPLICA = "find { it.name == 'replica-1' }.";

    @TestServer
    PostgresCluster postgres;

    @BeforeEach
    void schema() {
        postgres.execute("CREATE TABLE IF NOT EXISTS fallback_counts (id int PRIMARY KEY, n int)");
        postgres.execute("INSERT INTO fallback_counts VALUES (1, 1) ON CONFLICT DO NOTHING");
        // replica-safe in the test profile, yet it writes: only a read-only transaction stops it
        postgres.execute("CREATE TABLE IF NOT EXISTS audit (at timestamptz DEFAULT now())");
        postgres.execute("CREATE OR REPLACE FUNCTION audited_read() RETURNS int LANGUAGE sql VOLATILE AS "
                + "'UPDATE fallback_counts SET n = n + 1 WHERE id = 1; INSERT INTO audit DEFAULT VALUES; SELECT 1'");
        postgres.awaitReplicaCaughtUp(BOUND);
        awaitReplicaInRotation();
    }

    @AfterEach
    void restore() {
        postgres.startReplica();
        postgres.resumeReplay();
        awaitReplicaInRotation();
    }

    private static void awaitReplicaInRotation() {
        await().atMost(BOUND).untilAsserted(() -> replicas().body(REPLICA + "inRotation", equalTo(true)));
    }

    private static ValidatableResponse replicas() {
        return given().header("X-API-Key", RouterCalls.READER).when().get("/v1/replicas").then().statusCode(200);
    }

    private static String write(String sql, Object... params) {
        return query(RouterCalls.WRITER, Map.of("sql", sql, "params", List.of(params))).statusCode(200)
                .extract().path("consistencyToken");
    }

    private static void assertAtLeast(String token, String than) {
        ConsistencyToken later = ConsistencyToken.parse(token);
        ConsistencyToken earlier = ConsistencyToken.parse(than);
        assertThat(later.timeline()).isEqualTo(earlier.timeline());
        assertThat(later.lsn().isAtLeast(earlier.lsn())).as("%s at or past %s", token, than).isTrue();
    }

    private void stopReplicaAndAwaitItOutOfRotation() {
        postgres.stopReplica();
        await().atMost(BOUND).untilAsserted(() -> replicas().body(REPLICA + "inRotation", equalTo(false)));
    }

    @Test
    void shouldGiveAReadThatFallsBackForLackOfAReplicaThePrimarysToken() {
        String written = write("UPDATE fallback_counts SET n = n WHERE id = 1");
        stopReplicaAndAwaitItOutOfRotation();

        String token = query(RouterCalls.READER, Map.of("sql", "SELECT n FROM fallback_counts WHERE id = 1"))
                .statusCode(200)
                .body("routedTo", equalTo("primary"))
                .body("consistencyToken", matchesPattern(TOKEN))
                .extract().path("consistencyToken");
        assertAtLeast(token, written);
    }

    @Test
    void shouldGiveAReadThatFallsBackBecauseEveryReplicaLagsThePrimarysToken() {
        postgres.pauseReplay();
        String written = write("UPDATE fallback_counts SET n = n WHERE id = 1");

        String token = query(RouterCalls.READER, Map.of("sql", "SELECT n FROM fallback_counts WHERE id = 1",
                "consistency", "bounded", "maxStalenessMs", 0))
                .statusCode(200)
                .body("routedTo", equalTo("primary"))
                .body("consistencyToken", matchesPattern(TOKEN))
                .extract().path("consistencyToken");
        assertAtLeast(token, written);
    }

    @Test
    void shouldGiveAReadWhoseTokenWasNotReplayedInTimeAPrimaryTokenAtOrPastIt() {
        postgres.pauseReplay();
        String written = write("UPDATE fallback_counts SET n = n WHERE id = 1");

        String token = query(RouterCalls.READER, Map.of("sql", "SELECT n FROM fallback_counts WHERE id = 1",
                "consistency", "read-your-writes", "consistencyToken", written))
                .statusCode(200)
                .body("routedTo", equalTo("primary"))
                .extract().path("consistencyToken");
        assertAtLeast(token, written);
    }

    @Test
    void shouldGiveAReadWhoseReplicaDiedUnderItThePrimarysToken() throws Exception {
        String written = write("UPDATE fallback_counts SET n = n WHERE id = 1");
        CompletableFuture<ValidatableResponse> slow = CompletableFuture.supplyAsync(() -> query(RouterCalls.READER,
                Map.of("sql", "SELECT n, pg_sleep(2) IS NULL FROM fallback_counts WHERE id = 1")));
        await().atMost(BOUND).untilAsserted(() -> replicas().body(REPLICA + "outstanding", equalTo(1)));
        postgres.stopReplica();

        String token = slow.get(BOUND.toSeconds(), TimeUnit.SECONDS).statusCode(200)
                .body("routedTo", equalTo("primary"))
                .extract().path("consistencyToken");
        assertThat(token).matches(TOKEN);
        assertAtLeast(token, written);
    }

    @Test
    void shouldInvalidateWhatAFallbackReadThatTurnedOutToWriteChanged() {
        Map<String, Object> cachedRead = Map.of("sql", "SELECT n FROM fallback_counts WHERE id = 1", "cacheTtl", 60);
        int before = query(RouterCalls.READER, cachedRead).statusCode(200).extract().path("rows[0][0]");
        await().atMost(BOUND).untilAsserted(() -> query(RouterCalls.READER, cachedRead).statusCode(200)
                .body("cached", equalTo(true)).body("rows[0][0]", equalTo(before)));
        stopReplicaAndAwaitItOutOfRotation();

        // classified as a read (replica-safe), run on the primary for lack of a replica: read only, so refused,
        // then run again as a write, which drops what it may have changed before it is acknowledged
        query(RouterCalls.WRITER, Map.of("sql", "SELECT audited_read()")).statusCode(200)
                .body("routedTo", equalTo("primary"))
                .body("consistencyToken", matchesPattern(TOKEN));

        query(RouterCalls.READER, cachedRead).statusCode(200)
                .body("cached", equalTo(false))
                .body("rows[0][0]", equalTo(before + 1));
    }
}
