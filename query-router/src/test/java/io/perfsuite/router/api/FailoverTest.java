package io.perfsuite.router.api;

import static io.perfsuite.router.api.RouterApi.READER;
import static io.perfsuite.router.api.RouterApi.WRITER;
import static io.perfsuite.router.api.RouterApi.query;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.perfsuite.testsupport.PostgresCluster;
import io.perfsuite.testsupport.TestServer;
import io.perfsuite.testsupport.TestServerException;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The configuration lists the original primary and its replica. The primary stops, the replica is promoted, then the
 * old primary comes back as it was (writable, on the old timeline): the router must follow the promotion and fence
 * the old primary rather than split writes between two nodes.
 */
@QuarkusTest
@WithTestResource(FailoverPostgresResource.class)
class FailoverTest {

    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final String REPLICA = "find { it.name == 'replica-1' }.";
    private static final String PRIMARY = "find { it.name == 'primary' }.";

    @TestServer
    PostgresCluster postgres;

    @Test
    void shouldSendWritesToThePromotedReplicaAndFenceTheOldPrimary() throws SQLException {
        postgres.execute("CREATE TABLE IF NOT EXISTS ledger (id serial PRIMARY KEY, body text)");
        postgres.awaitReplicaCaughtUp(BOUND);
        await().atMost(BOUND).untilAsserted(() -> RouterApi.replicas().body(PRIMARY + "role", equalTo("primary"))
                .body(REPLICA + "role", equalTo("replica")).body(REPLICA + "breaker", equalTo("closed")));

        postgres.stopPrimary();
        query(WRITER, "INSERT INTO ledger (body) VALUES ($1)", "while down").statusCode(503)
                .header("Retry-After", "2").body("detail", containsString("primary"));
        query(READER, "SELECT count(*) FROM ledger").statusCode(200).body("routedTo", equalTo("replica-1"));

        promoteReplica();
        await().atMost(BOUND).untilAsserted(() -> query(WRITER, "INSERT INTO ledger (body) VALUES ($1)", "after")
                .statusCode(200).body("routedTo", equalTo("replica-1")).body("consistencyToken", startsWith("2:")));
        RouterApi.replicas().body(REPLICA + "role", equalTo("primary")).body(REPLICA + "configuredRole",
                equalTo("replica")).body(PRIMARY + "role", equalTo("down"));
        // no standby left: reads go to the node that takes writes
        query(READER, "SELECT body FROM ledger").statusCode(200).body("routedTo", equalTo("replica-1"))
                .body("rows[0][0]", equalTo("after"));

        startOldPrimary();
        await().atMost(BOUND).untilAsserted(() -> RouterApi.replicas().body(PRIMARY + "role", equalTo("fenced"))
                .body(PRIMARY + "healthy", equalTo(false)).body(PRIMARY + "timeline", equalTo(1)));
        query(WRITER, "INSERT INTO ledger (body) VALUES ($1)", "still there").statusCode(200)
                .body("routedTo", equalTo("replica-1"));
        query(READER, "SELECT count(*)::int FROM ledger").statusCode(200).body("routedTo", equalTo("replica-1"))
                .body("rows[0][0]", equalTo(2));
    }

    /**
     * pg_promote() needs a superuser; test-support has no promote handle yet, so this connects as its superuser
     * (postgres/postgres, test-support's fixed fixture credentials).
     */
    private void promoteReplica() throws SQLException {
        try (Connection connection = DriverManager.getConnection(postgres.replicaJdbcUrl(), "postgres", "postgres");
                Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_promote(true, 60)");
        }
    }

    /** startPrimary() waits for a replica to stream from it, which never happens now: only the start matters. */
    private void startOldPrimary() {
        try {
            postgres.startPrimary();
        } catch (TestServerException expected) {
            // the old primary runs, on its old timeline, with nobody streaming from it
        }
    }
}
