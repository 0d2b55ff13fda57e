package io.perfsuite.testsupport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real {@code redis-server} on a free loopback port, without persistence. {@link #stop()} kills it and
 * {@link #start()} brings it back on the same port, so clients can reconnect.
 */
public final class RedisServer implements AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private final int port;
    private final Path directory;
    private final ManagedProcess process;
    private boolean closed;

    private RedisServer(List<String> extraArguments) {
        Path binary = Binaries.require("redis-server");
        this.port = FreePort.find();
        this.directory = ScratchDirectory.create("perfsuite-redis-");
        List<String> command = new ArrayList<>(List.of(
                binary.toString(),
                "--port", String.valueOf(port),
                "--bind", FreePort.LOOPBACK_HOST,
                // Only reachable from loopback, so protected mode would just refuse the tests' unauthenticated clients.
                "--protected-mode", "no",
                "--save", "",
                "--appendonly", "no",
                "--dir", directory.toString(),
                "--daemonize", "no",
                "--logfile", ""));
        command.addAll(extraArguments);
        this.process = new ManagedProcess("redis-" + port, command, directory);
        ShutdownGuard.register(this);
    }

    /** Starts a standalone server and waits until it answers PING. */
    public static RedisServer launch() {
        return launch(List.of());
    }

    static RedisServer launch(List<String> extraArguments) {
        RedisServer server = new RedisServer(extraArguments);
        try {
            server.start();
            return server;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** Starts the server on its port, if it is not running, and waits until it answers PING. */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("Redis on port " + port + " is closed");
        }
        process.start();
        process.awaitReady(STARTUP_TIMEOUT, () -> "PONG".equals(Resp.call(port, "PING")));
    }

    /** Kills the server; its port stays reserved for the next {@link #start()}. */
    public synchronized void stop() {
        process.stop(STOP_GRACE);
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    public int port() {
        return port;
    }

    public String host() {
        return FreePort.LOOPBACK_HOST;
    }

    /** {@code redis://127.0.0.1:<port>}, the form {@code quarkus.redis.hosts} takes. */
    public String uri() {
        return "redis://" + host() + ":" + port;
    }

    /**
     * Runs one command and returns its reply as text (simple string, integer or bulk string; {@code null} for nil), so
     * a test can look at what the service stored without a client library.
     */
    public String call(String... command) {
        try {
            return Resp.call(port, command);
        } catch (java.io.IOException e) {
            throw new TestServerException("Redis on port " + port + ": " + e.getMessage(), e);
        }
    }

    /** Path of the server's log, kept after close. */
    public Path logFile() {
        return process.logFile();
    }

    /** Stops the server and deletes its data directory. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stop();
        } finally {
            ScratchDirectory.delete(directory);
            ShutdownGuard.unregister(this);
        }
    }

    @Override
    public String toString() {
        return "RedisServer[" + uri() + "]";
    }
}
