package io.perfsuite.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A service's packaged Quarkus application ({@code <module>/target/quarkus-app/quarkus-run.jar}) run as its own JVM,
 * the way it runs in production. Configuration goes in as system properties, the HTTP port is a free loopback port
 * chosen here (kept across {@link #stop()} and {@link #start()}), readiness is {@code /q/health/ready} answering 200,
 * and the output goes to {@code target/test-servers/<name>.log}, whose tail is in the exception when it does not get
 * ready.
 *
 * <pre>{@code
 * try (PackagedApp cache = PackagedApp.builder("cache-service", PackagedApp.moduleJar("cache-service"))
 *         .config("quarkus.redis.hosts", redis.uri()).start()) {
 *     given().baseUri(cache.url()) ...
 * }
 * }</pre>
 */
public final class PackagedApp implements AutoCloseable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    private final String name;
    private final int port;
    private final int healthPort;
    private final Duration readyTimeout;
    private final ManagedProcess process;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(PROBE_TIMEOUT).build();

    private PackagedApp(Builder builder, List<String> command) {
        this.name = builder.name;
        this.port = builder.port;
        this.healthPort = builder.healthPort;
        this.readyTimeout = builder.readyTimeout;
        this.process = new ManagedProcess(builder.name + "-" + builder.port, command, Path.of("").toAbsolutePath());
        ShutdownGuard.register(this);
    }

    /**
     * The packaged jar of a sibling module, seen from the module whose tests run (Maven runs them in the module's
     * directory), or of this module itself when {@code module} is its own directory name.
     */
    public static Path moduleJar(String module) {
        Path here = Path.of("").toAbsolutePath();
        Path moduleDir = here.getFileName() != null && here.getFileName().toString().equals(module)
                ? here
                : here.resolveSibling(module);
        return moduleDir.resolve(Path.of("target", "quarkus-app", "quarkus-run.jar")).normalize();
    }

    /** An application named {@code name} (its log file and messages) run from {@code jar}. */
    public static Builder builder(String name, Path jar) {
        return new Builder(name, jar);
    }

    public String name() {
        return name;
    }

    /** The HTTP port ({@code quarkus.http.port}). */
    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String url() {
        return "http://" + FreePort.LOOPBACK_HOST + ":" + port;
    }

    /** Where the application's output goes. */
    public Path logFile() {
        return process.logFile();
    }

    /** What the application has written so far (all runs of it). */
    public String log() {
        return ServerLogs.read(process.logFile());
    }

    /** Starts the JVM (again, on the same port) unless it runs, and waits until it is ready. */
    public PackagedApp start() {
        process.start();
        String ready = "http://" + FreePort.LOOPBACK_HOST + ":" + healthPort + "/q/health/ready";
        HttpRequest probe = HttpRequest.newBuilder(URI.create(ready)).timeout(PROBE_TIMEOUT).build();
        process.awaitReady(readyTimeout, () -> {
            try {
                return http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false; // not listening yet
            }
        });
        return this;
    }

    /** Asks the JVM to shut down (SIGTERM: shutdown hooks run, spans are flushed) and kills it after a grace. */
    public void stop() {
        process.stop(STOP_GRACE);
    }

    /** Ends the JVM at once (SIGKILL), as a crash or an OOM kill would: no shutdown hook runs. */
    public void kill() {
        process.stop(Duration.ZERO);
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    @Override
    public void close() {
        stop();
        ShutdownGuard.unregister(this);
    }

    @Override
    public String toString() {
        return name + "@" + url() + " (log: " + logFile() + ")";
    }

    /** How to run the application; {@link #start()} launches it. */
    public static final class Builder {

        private final String name;
        private final Path jar;
        private final Map<String, String> config = new LinkedHashMap<>();
        private final List<String> jvmOptions = new ArrayList<>(List.of("-Xmx256m"));
        private final int port = FreePort.find();
        private int healthPort = port;
        private Duration readyTimeout = Duration.ofSeconds(90);

        private Builder(String name, Path jar) {
            this.name = name;
            this.jar = jar.toAbsolutePath().normalize();
            // loopback only, and plain-text logs a person can read in the log file
            config.put("quarkus.http.host", FreePort.LOOPBACK_HOST);
            config.put("quarkus.http.port", String.valueOf(port));
            config.put("quarkus.log.console.json.enabled", "false");
        }

        /** The HTTP port the application will listen on, known before it starts (to configure its callers). */
        public int port() {
            return port;
        }

        /** One configuration property, passed as {@code -Dkey=value} (so it wins over application.properties). */
        public Builder config(String key, String value) {
            config.put(key, value);
            return this;
        }

        public Builder config(Map<String, String> properties) {
            config.putAll(properties);
            return this;
        }

        /** Replaces the default {@code -Xmx256m} and adds any other JVM option. */
        public Builder jvmOptions(String... options) {
            jvmOptions.clear();
            jvmOptions.addAll(List.of(options));
            return this;
        }

        /** Where {@code /q/health/ready} is served, when it is not the HTTP port (a management interface). */
        public Builder healthPort(int healthPort) {
            this.healthPort = healthPort;
            return this;
        }

        public Builder readyTimeout(Duration readyTimeout) {
            this.readyTimeout = readyTimeout;
            return this;
        }

        /** Launches the JVM and waits until it is ready; the application is closed if it never gets there. */
        public PackagedApp start() {
            PackagedApp app = build();
            try {
                return app.start();
            } catch (RuntimeException e) {
                app.close();
                throw e;
            }
        }

        /** The application, not started yet. */
        public PackagedApp build() {
            if (!Files.isRegularFile(jar)) {
                throw new TestServerException(name + " is not packaged at " + jar + ": build its module first ("
                        + "./mvnw package in its directory, or the reactor build, which packages it before this one)");
            }
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            config.forEach((key, value) -> command.add("-D" + key + "=" + value));
            command.add("-jar");
            command.add(jar.toString());
            return new PackagedApp(this, command);
        }
    }
}
