package io.perfsuite.router.api;

import static io.perfsuite.router.api.RouterApi.READER;
import static io.perfsuite.router.api.RouterApi.WRITER;
import static io.perfsuite.router.api.RouterApi.query;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThan;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.perfsuite.testsupport.PostgresCluster;
import io.perfsuite.testsupport.PostgresTestResource;
import io.perfsuite.testsupport.TestServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Real replay lag, made with pg_wal_replay_pause() on the replica. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class ConsistencyTest {

    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final AtomicInteger IDS = new AtomicInteger(1000);
    private static final String COUNT = "SELECT count(*)::int FROM events WHERE id = $1";

    @TestServer
    PostgresCluster postgres;

    @BeforeEach
    void schema() {
        postgres.execute("CREATE TABLE IF NOT EXISTS events (id int PRIMARY KEY)");
        postgres.awaitReplicaCaughtUp(BOUND);
        await().atMost(BOUND).untilAsserted(() -> RouterApi.replicas().statusCode(200)
                .body("find { it.name == 'replica-1' }.breaker", equalTo("closed"))
                .body("find { it.name == 'replica-1' }.lagBytes", equalTo(0)));
    }

    @AfterEach
    void resume() {
        postgres.resumeReplay();
        postgres.awaitReplicaCaughtUp(BOUND);
    }

    private static String write(int id) {
        return query(WRITER, "INSERT INTO events VALUES ($1)", id).statusCode(200).extract().path("consistencyToken");
    }

    @Test
    void shouldSendBoundedReadsToThePrimaryWhileTheReplicaLagsBeyondTheBound() {
        int id = IDS.incrementAndGet();
        postgres.pauseReplay();
        write(id);
        await().atMost(BOUND).untilAsserted(() -> RouterApi.replicas()
                .body("find { it.name == 'replica-1' }.lagBytes", greaterThan(0))
                .body("find { it.name == 'replica-1' }.lagMs", greaterThan(300)));

        query(READER, Map.of("sql", COUNT, "params", java.util.List.of(id), "consistency", "bounded",
                "maxStalenessMs", 250))
                .statusCode(200).body("routedTo", equalTo("primary")).body("rows[0][0]", equalTo(1));
        // the lag is real: an eventual read on the replica does not see the row yet
        query(READER, Map.of("sql", COUNT, "params", java.util.List.of(id), "consistency", "eventual"))
                .statusCode(200).body("routedTo", equalTo("replica-1")).body("rows[0][0]", equalTo(0));

        postgres.resumeReplay();
        await().atMost(BOUND).untilAsserted(() -> query(READER, Map.of("sql", COUNT, "params", java.util.List.of(id),
                "consistency", "bounded", "maxStalenessMs", 250))
                .statusCode(200).body("routedTo", equalTo("replica-1")).body("rows[0][0]", equalTo(1)));
    }

    @Test
    void shouldReadYourWritesFromThePrimaryWhileNoReplicaHasReplayedTheToken() {
        int id = IDS.incrementAndGet();
        postgres.pauseReplay();
        String token = write(id);

        query(READER, Map.of("sql", COUNT, "params", java.util.List.of(id), "consistency", "read-your-writes",
                "consistencyToken", token))
                .statusCode(200).body("routedTo", equalTo("primary")).body("rows[0][0]", equalTo(1))
                .body("consistencyToken", equalTo(token))
                // it waited for the replica (router.consistency.ryw-wait, 500 ms here), and no longer
                .body("durationMs", allOf(greaterThanOrEqualTo(450), lessThan(3_000)));
    }

    @Test
    void shouldReadYourWritesFromTheReplicaWhenItReplaysTheTokenDuringTheWait() {
        int id = IDS.incrementAndGet();
        postgres.pauseReplay();
        String token = write(id);
        // the replica catches up 200 ms into the read's 500 ms wait
        CompletableFuture<Void> resumed = CompletableFuture.runAsync(postgres::resumeReplay,
                CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS));

        query(READER, Map.of("sql", COUNT, "params", java.util.List.of(id), "consistency", "read-your-writes",
                "consistencyToken", token))
                .statusCode(200).body("routedTo", equalTo("replica-1")).body("rows[0][0]", equalTo(1));
        resumed.join();
    }

    @Test
    void shouldTakeAReplicaLaggingPastTheMaximumOutOfRotationAndBringItBack() {
        int id = IDS.incrementAndGet();
        postgres.pauseReplay();
        write(id);

        // router.lag.max is 5 s: the paused replica falls that far behind in time, then reads leave it
        await().atMost(BOUND).untilAsserted(() -> RouterApi.replicas()
                .body("find { it.name == 'replica-1' }.inRotation", equalTo(false))
                .body("find { it.name == 'replica-1' }.lagMs", greaterThan(5_000)));
        query(READER, Map.of("sql", COUNT, "params", java.util.List.of(id), "consistency", "eventual"))
                .statusCode(200).body("routedTo", equalTo("primary")).body("rows[0][0]", equalTo(1));

        postgres.resumeReplay();
        await().atMost(BOUND).untilAsserted(() -> RouterApi.replicas()
                .body("find { it.name == 'replica-1' }.inRotation", equalTo(true)));
        query(READER, Map.of("sql", COUNT, "params", java.util.List.of(id), "consistency", "eventual"))
                .statusCode(200).body("routedTo", equalTo("replica-1")).body("rows[0][0]", equalTo(1));
    }

    @Test
    void shouldReadYourWritesFromTheReplicaOnceItReplayedTheToken() {
        int id = IDS.incrementAndGet();
        String token = write(id);
        postgres.awaitReplicaCaughtUp(BOUND);

        query(READER, Map.of("sql", COUNT, "params", java.util.List.of(id), "consistency", "read-your-writes",
                "consistencyToken", token))
                .statusCode(200).body("routedTo", equalTo("replica-1")).body("rows[0][0]", equalTo(1));
    }

    @Test
    void shouldNeverReturnStaleRowsToReadYourWritesAcrossPausesAndResumes() {
        for (int round = 0; round < 20; round++) {
            if (round % 5 == 1) {
                postgres.pauseReplay();
            } else if (round % 5 == 3) {
                postgres.resumeReplay();
            }
            int id = IDS.incrementAndGet();
            String token = write(id);
            query(READER, Map.of("sql", COUNT, "params", java.util.List.of(id), "consistency", "read-your-writes",
                    "consistencyToken", token))
                    .statusCode(200).body("rows[0][0]", equalTo(1));
        }
    }

    @Test
    void shouldSendStrongReadsToThePrimaryAndTokensOfAnotherTimelineToo() {
        query(READER, Map.of("sql", "SELECT 1", "consistency", "strong")).statusCode(200)
                .body("routedTo", equalTo("primary"));
        query(READER, Map.of("sql", "SELECT 1", "consistency", "read-your-writes", "consistencyToken", "99:0/1"))
                .statusCode(200).body("routedTo", equalTo("primary"));
    }
}
