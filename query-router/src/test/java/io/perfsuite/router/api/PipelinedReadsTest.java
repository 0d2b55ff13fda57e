package io.perfsuite.router.api;

import static io.perfsuite.router.api.RouterApi.READER;
import static io.perfsuite.router.api.RouterApi.metric;
import static io.perfsuite.router.api.RouterApi.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.perfsuite.testsupport.PostgresCluster;
import io.perfsuite.testsupport.PostgresTestResource;
import io.perfsuite.testsupport.TestServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Reads sharing connections (protocol pipelining), with one event loop and one shared connection per node so every
 * concurrent read meets the same lane.
 */
@QuarkusTest
@TestProfile(PipelinedReadsTest.OneLane.class)
@WithTestResource(PostgresTestResource.class)
class PipelinedReadsTest {

    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final String REPLICA = "{node=\"replica-1\"}";
    private static final ExecutorService CLIENTS = Executors.newFixedThreadPool(8);

    @TestServer
    PostgresCluster cluster;

    public static class OneLane implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.vertx.event-loops-pool-size", "1",
                    "router.pool.pipelining.connections-per-event-loop", "1",
                    "router.pool.pipelining.stall-after", "2s");
        }
    }

    @AfterAll
    static void stopClients() {
        CLIENTS.shutdownNow();
    }

    @BeforeEach
    void replicaInRotation() {
        await().atMost(BOUND).untilAsserted(() -> RouterApi.replicas()
                .body("find { it.name == 'replica-1' }.inRotation", equalTo(true)));
    }

    @Test
    void shouldRunConcurrentReadsOnOneSharedConnection() {
        // 200 ms each: on connections of their own, eight concurrent reads would hold eight backends
        List<CompletableFuture<Map<String, Object>>> reads = IntStream.range(0, 8)
                .mapToObj(i -> async(Map.of("sql", "SELECT pg_backend_pid() AS pid, $1::int AS i FROM pg_sleep(0.2)",
                        "params", List.of(i))))
                .toList();
        // reads on the shared connection are outstanding but wait for no pool connection
        await().atMost(BOUND).until(() -> metric("router_pipeline_in_flight" + REPLICA) >= 2);
        assertThat(metric("router_pool_waiting" + REPLICA)).isZero();

        List<Map<String, Object>> bodies = reads.stream().map(CompletableFuture::join).toList();

        Set<Object> backends = bodies.stream().map(body -> row(body).get(0)).collect(Collectors.toSet());
        assertThat(backends).hasSize(1);
        assertThat(bodies).allSatisfy(body -> assertThat(body.get("routedTo")).isEqualTo("replica-1"));
        // each read got its own parameter's row back, in spite of sharing the connection
        assertThat(bodies.stream().map(body -> row(body).get(1)).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(metric("router_pipeline_connections" + REPLICA)).isEqualTo(1.0);
        // the reads of one event-loop turn leave in one socket write
        assertThat(metric("router_pipeline_unconsolidated_total" + REPLICA)).isZero();
    }

    @Test
    void shouldRetireTheLaneOfATimedOutReadAndRunItsNeighboursOnTheirOwn() {
        double reruns = metric("router_pipeline_reruns_total" + REPLICA);
        double retirements = metric("router_pipeline_retirements_total" + REPLICA);
        double inFlight = metric("router_pipeline_in_flight" + REPLICA);
        CompletableFuture<Integer> slow = CompletableFuture.supplyAsync(
                () -> query(READER, Map.of("sql", "SELECT pg_sleep(3)", "timeoutMs", 1_000)).extract().statusCode(),
                CLIENTS);
        await().atMost(BOUND).until(() -> metric("router_pipeline_in_flight" + REPLICA) == inFlight + 1);
        // queued behind the slow read on the same connection (it has not run for stall-after yet)
        List<CompletableFuture<Map<String, Object>>> neighbours = IntStream.range(0, 3)
                .mapToObj(i -> async(Map.of("sql", "SELECT $1::int + 100 AS n", "params", List.of(i)))).toList();
        await().atMost(BOUND).until(() -> metric("router_pipeline_in_flight" + REPLICA) == inFlight + 4);

        assertThat(slow.join()).isEqualTo(504);
        assertThat(neighbours.stream().map(CompletableFuture::join).map(body -> row(body).get(0)))
                .containsExactlyInAnyOrder(100, 101, 102);
        assertThat(metric("router_pipeline_retirements_total" + REPLICA)).isEqualTo(retirements + 1);
        assertThat(metric("router_pipeline_reruns_total" + REPLICA)).isEqualTo(reruns + 3);
    }

    @Test
    void shouldSendAReadPastALaneStalledBehindASlowStatement() throws Exception {
        CompletableFuture<Integer> slow = CompletableFuture.supplyAsync(
                () -> query(READER, Map.of("sql", "SELECT pg_sleep(6)", "timeoutMs", 20_000)).extract().statusCode(),
                CLIENTS);
        await().atMost(BOUND).until(() -> runningLongerThan("SELECT pg_sleep(6)", "2.2 s"));
        double declined = metric("router_pipeline_declined_total" + REPLICA);

        query(READER, "SELECT 42 AS answer").statusCode(200).body("rows[0][0]", equalTo(42));

        assertThat(slow).isNotDone();
        assertThat(metric("router_pipeline_declined_total" + REPLICA)).isEqualTo(declined + 1);
        assertThat(slow.join()).isEqualTo(200);
    }

    @Test
    void shouldStopAnOverlongReadAtMaxRowsWithoutDisturbingItsNeighbours() {
        double retirements = metric("router_pipeline_retirements_total" + REPLICA);
        CompletableFuture<Integer> huge = CompletableFuture.supplyAsync(() -> query(READER,
                Map.of("sql", "SELECT generate_series(1, 2000000000) AS g", "maxRows", 5, "timeoutMs", 20_000))
                .extract().statusCode(), CLIENTS);
        List<CompletableFuture<Map<String, Object>>> neighbours = IntStream.range(0, 4)
                .mapToObj(i -> async(Map.of("sql", "SELECT $1::int AS n", "params", List.of(i)))).toList();

        assertThat(huge.join()).isEqualTo(422);
        assertThat(neighbours.stream().map(CompletableFuture::join).map(body -> row(body).get(0)))
                .containsExactlyInAnyOrder(0, 1, 2, 3);
        // no cancel request and no closed connection: the row limit stopped the statement at the server
        assertThat(metric("router_pipeline_retirements_total" + REPLICA)).isEqualTo(retirements);
    }

    @Test
    void shouldPrepareASharedStatementAgainAfterItsTableChanged() {
        cluster.execute("DROP TABLE IF EXISTS pipelined_ddl; CREATE TABLE pipelined_ddl (id int PRIMARY KEY, a text);"
                + " INSERT INTO pipelined_ddl VALUES (1, 'one')");
        cluster.awaitReplicaCaughtUp(BOUND);
        query(READER, "SELECT * FROM pipelined_ddl WHERE id = $1", 1).statusCode(200).body("rows[0][1]", equalTo("one"));

        cluster.execute("ALTER TABLE pipelined_ddl ADD COLUMN b text DEFAULT 'two'");
        cluster.awaitReplicaCaughtUp(BOUND);

        query(READER, "SELECT * FROM pipelined_ddl WHERE id = $1", 1).statusCode(200)
                .body("columns.name", equalTo(List.of("id", "a", "b"))).body("rows[0][2]", equalTo("two"));
    }

    private CompletableFuture<Map<String, Object>> async(Map<String, ?> body) {
        return CompletableFuture.supplyAsync(() -> query(READER, body).statusCode(200).extract().jsonPath().getMap(""),
                CLIENTS);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> row(Map<String, Object> body) {
        return ((List<List<Object>>) body.get("rows")).get(0);
    }

    private boolean runningLongerThan(String sql, String interval) throws SQLException {
        try (Connection connection = DriverManager.getConnection(cluster.replicaJdbcUrl(), cluster.username(),
                cluster.password());
                ResultSet rows = connection.createStatement().executeQuery(
                        "SELECT count(*) FROM pg_stat_activity WHERE query = '" + sql + "' AND state = 'active'"
                                + " AND now() - query_start > interval '" + interval + "'")) {
            rows.next();
            return rows.getInt(1) == 1;
        }
    }
}
