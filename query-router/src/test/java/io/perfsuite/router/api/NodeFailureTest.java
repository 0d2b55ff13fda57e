package io.perfsuite.router.api;

import static io.perfsuite.router.api.RouterApi.READER;
import static io.perfsuite.router.api.RouterApi.WRITER;
import static io.perfsuite.router.api.RouterApi.query;
import static io.perfsuite.router.api.RouterApi.transaction;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.perfsuite.testsupport.PostgresCluster;
import io.perfsuite.testsupport.PostgresTestResource;
import io.perfsuite.testsupport.TestServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class NodeFailureTest {

    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final String REPLICA = "find { it.name == 'replica-1' }.";
    private static final String PRIMARY = "find { it.name == 'primary' }.";

    @TestServer
    PostgresCluster postgres;

    @BeforeEach
    void schema() {
        postgres.execute("CREATE TABLE IF NOT EXISTS notes (id serial PRIMARY KEY, body text)");
        postgres.awaitReplicaCaughtUp(BOUND);
        await().atMost(BOUND).untilAsserted(() -> RouterApi.replicas().body(REPLICA + "breaker", equalTo("closed"))
                .body(PRIMARY + "healthy", equalTo(true)));
    }

    @AfterEach
    void restoreNodes() {
        postgres.startPrimary();
        postgres.startReplica();
    }

    @Test
    void shouldServeReadsFromThePrimaryWhileTheReplicaIsDownAndReturnToItAfter() {
        postgres.stopReplica();

        // at once, before a lag sample noticed: the failed replica read is retried on the primary
        query(READER, "SELECT count(*) FROM notes").statusCode(200).body("routedTo", equalTo("primary"));
        await().atMost(BOUND).untilAsserted(() -> RouterApi.replicas()
                .body(REPLICA + "healthy", equalTo(false))
                .body(REPLICA + "breaker", anyOf(equalTo("open"), equalTo("half-open")))
                .body(REPLICA + "breakerFailures", greaterThan(0))
                .body(REPLICA + "inRotation", equalTo(false)));
        query(READER, "SELECT count(*) FROM notes").statusCode(200).body("routedTo", equalTo("primary"));

        postgres.startReplica();
        await().atMost(BOUND).untilAsserted(() -> query(READER, "SELECT count(*) FROM notes").statusCode(200)
                .body("routedTo", equalTo("replica-1")));
        RouterApi.replicas().body(REPLICA + "breaker", equalTo("closed")).body(REPLICA + "inRotation", equalTo(true));
    }

    @Test
    void shouldRefuseWritesWith503AndRetryAfterWhileReadsContinueOnTheReplica() {
        postgres.stopPrimary();

        query(WRITER, "INSERT INTO notes (body) VALUES ($1)", "lost?").statusCode(503)
                .header("Retry-After", "2")
                .contentType("application/problem+json")
                .body("detail", containsString("primary"));
        transaction(WRITER, Map.of("statements", List.of(Map.of("sql", "SELECT 1")))).statusCode(503)
                .header("Retry-After", "2");
        query(READER, "SELECT count(*) FROM notes").statusCode(200).body("routedTo", equalTo("replica-1"));
        await().atMost(BOUND).untilAsserted(() -> RouterApi.replicas().body(PRIMARY + "healthy", equalTo(false)));

        postgres.startPrimary();
        await().atMost(BOUND).untilAsserted(() -> query(WRITER, "INSERT INTO notes (body) VALUES ($1)", "kept")
                .statusCode(200).body("routedTo", equalTo("primary")));
    }
}
