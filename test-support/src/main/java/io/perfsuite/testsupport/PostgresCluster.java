package io.perfsuite.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A PostgreSQL 15 primary streaming to one hot-standby replica through a physical replication slot, both on free
 * loopback ports. The application role and database are both {@code perfsuite} (password {@code perfsuite}).
 * Durability is traded for speed ({@code fsync=off}): data survives server restarts, not machine crashes.
 */
public final class PostgresCluster implements AutoCloseable {

    private static final String USERNAME = "perfsuite";
    private static final String PASSWORD = "perfsuite";
    private static final String DATABASE = "perfsuite";
    private static final String REPLICATION_SLOT = "perfsuite_replica";

    private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STREAMING_TIMEOUT = Duration.ofSeconds(30);

    private static final String PRIMARY_SETTINGS = String.join("\n",
            "",
            "# Added by perfsuite test-support: one streaming replica, speed over durability.",
            "listen_addresses = '" + FreePort.LOOPBACK_HOST + "'",
            "wal_level = replica",
            "max_wal_senders = 5",
            "max_replication_slots = 5",
            "hot_standby = on",
            "fsync = off",
            "synchronous_commit = on",
            "shared_buffers = '32MB'",
            // Lets the replica reconnect within moments of a primary restart instead of the default 5 s.
            "wal_retrieve_retry_interval = '200ms'",
            "");

    private final PostgresTools tools;
    private final Path baseDirectory;
    private final PostgresInstance primary;
    private final PostgresInstance replica;
    private boolean closed;

    private PostgresCluster() {
        this.tools = PostgresTools.forCurrentUser();
        this.baseDirectory = ScratchDirectory.create("perfsuite-pg-");
        try {
            tools.handOver(baseDirectory);
            this.primary = new PostgresInstance("primary", tools, baseDirectory.resolve("primary"), baseDirectory);
            this.replica = new PostgresInstance("replica", tools, baseDirectory.resolve("replica"), baseDirectory);
        } catch (RuntimeException e) {
            ScratchDirectory.delete(baseDirectory);
            throw e;
        }
        ShutdownGuard.register(this);
    }

    /** Initialises and starts the primary, clones the replica from it, and waits until the replica is streaming. */
    public static PostgresCluster launch() {
        PostgresCluster cluster = new PostgresCluster();
        try {
            cluster.initPrimary();
            cluster.primary.start();
            cluster.createApplicationRoleAndDatabase();
            cluster.cloneReplica();
            cluster.replica.start();
            cluster.awaitStreaming();
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    public int primaryPort() {
        return primary.port();
    }

    public int replicaPort() {
        return replica.port();
    }

    /** {@code jdbc:postgresql://127.0.0.1:<port>/perfsuite}, without credentials. */
    public String primaryJdbcUrl() {
        return primary.jdbcUrl(DATABASE);
    }

    public String replicaJdbcUrl() {
        return replica.jdbcUrl(DATABASE);
    }

    /** {@code postgresql://perfsuite:perfsuite@127.0.0.1:<port>/perfsuite}, the form the Vert.x reactive client takes. */
    public String primaryUri() {
        return uri(primary);
    }

    public String replicaUri() {
        return uri(replica);
    }

    public String username() {
        return USERNAME;
    }

    public String password() {
        return PASSWORD;
    }

    public String database() {
        return DATABASE;
    }

    /** Shuts the primary down cleanly; the replica keeps serving reads and retries streaming. */
    public synchronized void stopPrimary() {
        primary.stop("fast");
    }

    /** Restarts the primary on its port with its data, and waits until the replica (if running) streams again. */
    public synchronized void startPrimary() {
        ensureOpen();
        primary.start();
        if (replica.isRunning()) {
            awaitStreaming();
        }
    }

    public synchronized void stopReplica() {
        replica.stop("fast");
    }

    /** Restarts the replica on its port with its data, and waits until it streams again if the primary is up. */
    public synchronized void startReplica() {
        ensureOpen();
        replica.start();
        if (primary.isRunning()) {
            awaitStreaming();
        }
    }

    public boolean isPrimaryRunning() {
        return primary.isRunning();
    }

    public boolean isReplicaRunning() {
        return replica.isRunning();
    }

    /**
     * Pauses WAL replay on the replica: from the next WAL record on, changes on the primary stay invisible there
     * until {@link #resumeReplay()}. Streaming continues, so the lag grows in {@link #replayLagBytes()}.
     */
    public void pauseReplay() {
        executeAsSuperuser(replica, "SELECT pg_wal_replay_pause()");
    }

    public void resumeReplay() {
        executeAsSuperuser(replica, "SELECT pg_wal_replay_resume()");
    }

    /** Bytes of WAL written on the primary that the replica has not replayed yet; needs both servers running. */
    public long replayLagBytes() {
        return replicaBytesBehind(primaryWalPosition());
    }

    /** Waits until the replica has replayed everything the primary had written when this method was called. */
    public void awaitReplicaCaughtUp(Duration timeout) {
        String target = primaryWalPosition();
        try {
            Poll.until("the replica to replay WAL up to " + target, timeout, () -> replicaBytesBehind(target) == 0);
        } catch (TestServerException e) {
            throw replica.failure(e.getMessage() + " (replica replay state: " + replayState() + ")", e);
        }
    }

    /** Runs SQL on the primary as {@code perfsuite} in database {@code perfsuite}: for test fixtures. */
    public void execute(String sql) {
        try (Connection connection = primary.connect(USERNAME, PASSWORD, DATABASE);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new TestServerException("SQL failed on the primary (port " + primary.port() + "): " + sql + ": "
                    + e.getMessage(), e);
        }
    }

    /** Stops both servers without a shutdown checkpoint and deletes their data. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            replica.stop("immediate");
            primary.stop("immediate");
        } finally {
            ScratchDirectory.delete(baseDirectory);
            ShutdownGuard.unregister(this);
        }
    }

    @Override
    public String toString() {
        return "PostgresCluster[primary=" + primary.port() + ", replica=" + replica.port() + ", data=" + baseDirectory + "]";
    }

    private void initPrimary() {
        Path passwordFile = baseDirectory.resolve("superuser-password");
        try {
            Files.writeString(passwordFile, PostgresInstance.SUPERUSER_PASSWORD, StandardCharsets.UTF_8);
            tools.handOver(passwordFile);
            ExternalCommand.run(tools.command("initdb",
                    "--pgdata=" + primary.dataDirectory(),
                    "--username=" + PostgresInstance.SUPERUSER,
                    "--pwfile=" + passwordFile,
                    "--auth-host=scram-sha-256",
                    "--auth-local=peer",
                    "--encoding=UTF8",
                    "--locale=C",
                    "--no-sync"), baseDirectory, SETUP_TIMEOUT);
            Files.writeString(primary.dataDirectory().resolve("postgresql.conf"), PRIMARY_SETTINGS, StandardCharsets.UTF_8,
                    StandardOpenOption.APPEND);
            Files.delete(passwordFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the primary's data directory in " + baseDirectory, e);
        }
    }

    private void createApplicationRoleAndDatabase() {
        executeAsSuperuser(primary, "CREATE ROLE " + USERNAME + " LOGIN CREATEDB PASSWORD '" + PASSWORD + "'");
        // Lets services read replication state (pg_stat_replication, lag functions) like a monitoring user would.
        executeAsSuperuser(primary, "GRANT pg_monitor TO " + USERNAME);
        executeAsSuperuser(primary, "CREATE DATABASE " + DATABASE + " OWNER " + USERNAME);
    }

    private void cloneReplica() {
        String primaryConnection = "host=" + FreePort.LOOPBACK_HOST + " port=" + primary.port() + " user="
                + PostgresInstance.SUPERUSER + " password=" + PostgresInstance.SUPERUSER_PASSWORD;
        // -R writes standby.signal and primary_conninfo; -C -S creates the slot that keeps WAL until the replica has it.
        ExternalCommand.run(tools.command("pg_basebackup",
                "--pgdata=" + replica.dataDirectory(),
                "--dbname=" + primaryConnection,
                "--write-recovery-conf",
                "--create-slot",
                "--slot=" + REPLICATION_SLOT,
                "--wal-method=stream",
                "--checkpoint=fast",
                "--no-sync"), baseDirectory, SETUP_TIMEOUT);
    }

    private void awaitStreaming() {
        try {
            Poll.until("the replica to stream from the primary", STREAMING_TIMEOUT, () -> {
                try (Connection connection = primary.connectAsSuperuser();
                        Statement statement = connection.createStatement();
                        ResultSet rows = statement.executeQuery(
                                "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'")) {
                    return rows.next() && rows.getLong(1) > 0;
                }
            });
        } catch (TestServerException e) {
            throw replica.failure(e.getMessage(), e);
        }
    }

    private String primaryWalPosition() {
        return queryAsSuperuser(primary, "SELECT pg_current_wal_lsn()::text");
    }

    private long replicaBytesBehind(String walPosition) {
        String sql = "SELECT pg_wal_lsn_diff(?::pg_lsn, pg_last_wal_replay_lsn())::bigint";
        try (Connection connection = replica.connectAsSuperuser();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, walPosition);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return Math.max(0, rows.getLong(1));
            }
        } catch (SQLException e) {
            throw new TestServerException("Cannot read the replay position of the replica (port " + replica.port() + "): "
                    + e.getMessage(), e);
        }
    }

    private String replayState() {
        try {
            return queryAsSuperuser(replica, "SELECT pg_get_wal_replay_pause_state()");
        } catch (TestServerException e) {
            return "unknown: " + e.getMessage();
        }
    }

    private void executeAsSuperuser(PostgresInstance server, String sql) {
        try (Connection connection = server.connectAsSuperuser(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new TestServerException("SQL failed on port " + server.port() + ": " + sql + ": " + e.getMessage(), e);
        }
    }

    private String queryAsSuperuser(PostgresInstance server, String sql) {
        try (Connection connection = server.connectAsSuperuser();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        } catch (SQLException e) {
            throw new TestServerException("Query failed on port " + server.port() + ": " + sql + ": " + e.getMessage(), e);
        }
    }

    private static String uri(PostgresInstance server) {
        return "postgresql://" + USERNAME + ":" + PASSWORD + "@" + FreePort.LOOPBACK_HOST + ":" + server.port() + "/"
                + DATABASE;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException(this + " is closed");
        }
    }
}
