package io.perfsuite.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Any server a test runs as its own process: a command line, its environment and working directory, ready once an
 * HTTP URL answers 200. Its output goes to {@code target/test-servers/<name>.log} (the tail is in the exception when
 * it exits or never gets ready), and stopping it takes down its whole process tree. {@link PackagedApp} runs the
 * suite's Quarkus jars on it; a test uses it directly for what is no Quarkus jar (a Jaeger binary, a script run from
 * source).
 *
 * <pre>{@code
 * try (ServerProcess shop = ServerProcess.builder("demo-shop-" + port, List.of(java, "DemoShop.java"))
 *         .environment("DEMO_PORT", String.valueOf(port)).readyUrl("http://127.0.0.1:" + port + "/health").start()) {
 *     ...
 * }
 * }</pre>
 */
public final class ServerProcess implements AutoCloseable {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    private final String name;
    private final ManagedProcess process;
    private final String readyUrl;
    private final Duration readyTimeout;
    private final Duration stopGrace;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(PROBE_TIMEOUT).build();

    private ServerProcess(Builder builder) {
        this.name = builder.name;
        this.process = new ManagedProcess(builder.name, builder.command, builder.directory, builder.environment);
        this.readyUrl = builder.readyUrl;
        this.readyTimeout = builder.readyTimeout;
        this.stopGrace = builder.stopGrace;
        ShutdownGuard.register(this);
    }

    /** A server named {@code name} (its log file and messages) run as {@code command}. */
    public static Builder builder(String name, List<String> command) {
        return new Builder(name, command);
    }

    /** The {@code java} of the JVM running the tests, for a server that is a Java program. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Starts the process (again) unless it runs, and waits until its ready URL answers 200. */
    public ServerProcess start() {
        process.start();
        if (readyUrl != null) {
            HttpRequest probe = HttpRequest.newBuilder(URI.create(readyUrl)).timeout(PROBE_TIMEOUT).build();
            process.awaitReady(readyTimeout, () -> {
                try {
                    return http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                } catch (IOException e) {
                    return false; // not listening yet
                }
            });
        }
        return this;
    }

    /** SIGTERM (shutdown hooks run, exporters flush), then SIGKILL after the grace. */
    public void stop() {
        process.stop(stopGrace);
    }

    /** Ends the process at once (SIGKILL), as a crash or an OOM kill would. */
    public void kill() {
        process.stop(Duration.ZERO);
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    public String name() {
        return name;
    }

    /** Where the process' output goes. */
    public Path logFile() {
        return process.logFile();
    }

    /** What the process has written so far (all runs of it). */
    public String log() {
        return ServerLogs.read(process.logFile());
    }

    @Override
    public void close() {
        stop();
        ShutdownGuard.unregister(this);
    }

    @Override
    public String toString() {
        return name + " (log: " + logFile() + ")";
    }

    /** How to run the server; {@link #start()} launches it. */
    public static final class Builder {

        private final String name;
        private final List<String> command;
        private final Map<String, String> environment = new LinkedHashMap<>();
        private Path directory = Path.of("").toAbsolutePath();
        private String readyUrl;
        private Duration readyTimeout = Duration.ofSeconds(90);
        private Duration stopGrace = Duration.ofSeconds(10);

        private Builder(String name, List<String> command) {
            this.name = name;
            this.command = new ArrayList<>(command);
        }

        /** One environment variable on top of the test JVM's own. */
        public Builder environment(String key, String value) {
            environment.put(key, value);
            return this;
        }

        public Builder environment(Map<String, String> variables) {
            environment.putAll(variables);
            return this;
        }

        /** The working directory (default: the test's, the module directory under Maven). */
        public Builder directory(Path directory) {
            this.directory = directory.toAbsolutePath();
            return this;
        }

        /** What answers 200 once the server is ready; without one, {@link ServerProcess#start()} does not wait. */
        public Builder readyUrl(String url) {
            this.readyUrl = url;
            return this;
        }

        public Builder readyTimeout(Duration timeout) {
            this.readyTimeout = timeout;
            return this;
        }

        public Builder stopGrace(Duration grace) {
            this.stopGrace = grace;
            return this;
        }

        /** Launches the process and waits until it is ready; it is closed if it never gets there. */
        public ServerProcess start() {
            ServerProcess server = build();
            try {
                return server.start();
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
        }

        /** The server, not started yet. */
        public ServerProcess build() {
            return new ServerProcess(this);
        }
    }
}
