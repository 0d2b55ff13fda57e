package io.perfsuite.testsupport;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

import org.postgresql.Driver;

/** One PostgreSQL server: a data directory served on a fixed loopback port, restartable with its data kept. */
final class PostgresInstance {

    /** The bootstrap superuser initdb creates; test-support uses it for setup and replication control only. */
    static final String SUPERUSER = "postgres";
    static final String SUPERUSER_PASSWORD = "postgres";

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration KILL_GRACE = Duration.ofSeconds(5);

    // Used directly rather than through DriverManager, which hides drivers loaded by another class loader
    // (as under Quarkus tests).
    private static final Driver DRIVER = new Driver();

    private final PostgresTools tools;
    private final Path dataDirectory;
    private final Path workDirectory;
    private final int port;
    private final ManagedProcess process;

    /**
     * @param workDirectory where the unix socket goes and commands run: it must be writable by the server's OS user
     */
    PostgresInstance(String label, PostgresTools tools, Path dataDirectory, Path workDirectory) {
        this.tools = tools;
        this.dataDirectory = dataDirectory;
        this.workDirectory = workDirectory;
        this.port = FreePort.find();
        this.process = new ManagedProcess("postgres-" + label + "-" + port,
                tools.command("postgres", "-D", dataDirectory.toString(), "-p", String.valueOf(port), "-k",
                        workDirectory.toString()),
                workDirectory);
    }

    /** Starts the server, if it is not running, and waits until the superuser can run a query. */
    void start() {
        process.start();
        process.awaitReady(STARTUP_TIMEOUT, () -> {
            try (Connection connection = connectAsSuperuser();
                    Statement statement = connection.createStatement()) {
                return statement.execute("SELECT 1");
            }
        });
    }

    /**
     * Stops the server with {@code pg_ctl stop -m <mode>}; kills it if that fails.
     *
     * @param mode {@code fast} for a clean shutdown, {@code immediate} to skip the shutdown checkpoint
     */
    void stop(String mode) {
        if (!process.isAlive()) {
            return;
        }
        try {
            ExternalCommand.run(tools.command("pg_ctl", "stop", "-D", dataDirectory.toString(), "-m", mode, "-w", "-t",
                    String.valueOf(SHUTDOWN_TIMEOUT.toSeconds())), workDirectory, SHUTDOWN_TIMEOUT.plusSeconds(10));
        } catch (TestServerException e) {
            System.err.println("perfsuite test-support: pg_ctl stop failed, killing " + process + ": " + e.getMessage());
        } finally {
            process.stop(KILL_GRACE);
        }
    }

    boolean isRunning() {
        return process.isAlive();
    }

    int port() {
        return port;
    }

    Path dataDirectory() {
        return dataDirectory;
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://" + FreePort.LOOPBACK_HOST + ":" + port + "/" + database;
    }

    Connection connect(String user, String password, String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("ApplicationName", "perfsuite-test-support");
        // Seconds; bounded so a stopped or hung server fails a call instead of hanging the test.
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("loginTimeout", "10");
        properties.setProperty("socketTimeout", "30");
        return DRIVER.connect(jdbcUrl(database), properties);
    }

    Connection connectAsSuperuser() throws SQLException {
        return connect(SUPERUSER, SUPERUSER_PASSWORD, "postgres");
    }

    /** An exception carrying this server's command line and log tail. */
    TestServerException failure(String message, Throwable cause) {
        return process.failure(message, cause);
    }
}
