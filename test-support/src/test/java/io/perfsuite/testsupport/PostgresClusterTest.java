package io.perfsuite.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One cluster for the whole class (initdb and a base backup take seconds); each test uses its own table. */
class PostgresClusterTest {

    private static final Duration CATCH_UP = Duration.ofSeconds(15);

    private static PostgresCluster postgres;

    @BeforeAll
    static void launch() {
        postgres = PostgresCluster.launch();
    }

    @AfterAll
    static void close() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void shouldPublishAddressesInJdbcAndReactiveClientForms() {
        assertThat(postgres.primaryPort()).isNotEqualTo(postgres.replicaPort());
        assertThat(postgres.primaryJdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:" + postgres.primaryPort() + "/perfsuite");
        assertThat(postgres.replicaJdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:" + postgres.replicaPort() + "/perfsuite");
        assertThat(postgres.primaryUri())
                .isEqualTo("postgresql://perfsuite:perfsuite@127.0.0.1:" + postgres.primaryPort() + "/perfsuite");
        assertThat(postgres.replicaUri())
                .isEqualTo("postgresql://perfsuite:perfsuite@127.0.0.1:" + postgres.replicaPort() + "/perfsuite");
        assertThat(List.of(postgres.username(), postgres.password(), postgres.database()))
                .containsExactly("perfsuite", "perfsuite", "perfsuite");
    }

    @Test
    void shouldStreamFromPrimaryToReplica() throws SQLException {
        postgres.execute("CREATE TABLE streamed (id int PRIMARY KEY)");
        postgres.execute("INSERT INTO streamed VALUES (1)");

        postgres.awaitReplicaCaughtUp(CATCH_UP);

        assertThat(ids(postgres.replicaJdbcUrl(), "streamed")).containsExactly(1);
        assertThat(postgres.replayLagBytes()).isZero();
    }

    @Test
    void shouldServeTheReplicaReadOnly() {
        postgres.execute("CREATE TABLE read_only (id int)");
        postgres.awaitReplicaCaughtUp(CATCH_UP);

        assertThatThrownBy(() -> update(postgres.replicaJdbcUrl(), "INSERT INTO read_only VALUES (1)"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("read-only transaction");
    }

    @Test
    void shouldHideNewRowsOnTheReplicaWhileReplayIsPaused() throws SQLException {
        postgres.execute("CREATE TABLE paused (id int PRIMARY KEY)");
        postgres.awaitReplicaCaughtUp(CATCH_UP);

        postgres.pauseReplay();
        try {
            postgres.execute("INSERT INTO paused VALUES (1)");

            assertThat(postgres.replayLagBytes()).isPositive();
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                    .until(() -> ids(postgres.replicaJdbcUrl(), "paused").isEmpty());
        } finally {
            postgres.resumeReplay();
        }

        postgres.awaitReplicaCaughtUp(CATCH_UP);
        assertThat(ids(postgres.replicaJdbcUrl(), "paused")).containsExactly(1);
    }

    @Test
    void shouldKeepDataWhenThePrimaryRestarts() throws SQLException {
        postgres.execute("CREATE TABLE durable (id int PRIMARY KEY)");
        postgres.execute("INSERT INTO durable VALUES (7)");
        postgres.awaitReplicaCaughtUp(CATCH_UP);

        postgres.stopPrimary();
        assertThat(postgres.isPrimaryRunning()).isFalse();
        assertThatThrownBy(() -> ids(postgres.primaryJdbcUrl(), "durable")).isInstanceOf(SQLException.class);
        assertThat(ids(postgres.replicaJdbcUrl(), "durable")).as("the replica keeps serving reads").containsExactly(7);

        postgres.startPrimary();
        assertThat(ids(postgres.primaryJdbcUrl(), "durable")).containsExactly(7);

        postgres.execute("INSERT INTO durable VALUES (8)");
        postgres.awaitReplicaCaughtUp(CATCH_UP);
        assertThat(ids(postgres.replicaJdbcUrl(), "durable")).as("streaming resumed").containsExactly(7, 8);
    }

    @Test
    void shouldCatchUpWhenTheReplicaRestarts() throws SQLException {
        postgres.execute("CREATE TABLE missed (id int PRIMARY KEY)");
        postgres.awaitReplicaCaughtUp(CATCH_UP);

        postgres.stopReplica();
        assertThat(postgres.isReplicaRunning()).isFalse();
        postgres.execute("INSERT INTO missed VALUES (3)");
        postgres.startReplica();

        postgres.awaitReplicaCaughtUp(CATCH_UP);
        assertThat(ids(postgres.replicaJdbcUrl(), "missed")).containsExactly(3);
    }

    private static List<Integer> ids(String jdbcUrl, String table) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, postgres.username(), postgres.password());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT id FROM " + table + " ORDER BY id")) {
            List<Integer> ids = new ArrayList<>();
            while (rows.next()) {
                ids.add(rows.getInt(1));
            }
            return ids;
        }
    }

    private static void update(String jdbcUrl, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, postgres.username(), postgres.password());
                Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }
}
