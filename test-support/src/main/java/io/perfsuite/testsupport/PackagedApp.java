package io.perfsuite.testsupport;

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

    private final String name;
    private final int port;
    private final ServerProcess process;

    private PackagedApp(Builder builder, List<String> command) {
        this.name = builder.name;
        this.port = builder.port;
        this.process = ServerProcess.builder(builder.name + "-" + builder.port, command).environment(builder.environment)
                .readyUrl("http://" + FreePort.LOOPBACK_HOST + ":" + builder.healthPort + "/q/health/ready")
                .readyTimeout(builder.readyTimeout).stopGrace(STOP_GRACE).build();
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
        return process.log();
    }

    /** Starts the JVM (again, on the same port) unless it runs, and waits until it is ready. */
    public PackagedApp start() {
        process.start();
        return this;
    }

    /** Asks the JVM to shut down (SIGTERM: shutdown hooks run, spans are flushed) and kills it after a grace. */
    public void stop() {
        process.stop();
    }

    /** Ends the JVM at once (SIGKILL), as a crash or an OOM kill would: no shutdown hook runs. */
    public void kill() {
        process.kill();
    }

    public boolean isRunning() {
        return process.isRunning();
    }

    @Override
    public void close() {
        process.close();
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
        private final Map<String, String> environment = new LinkedHashMap<>();
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

        /** An environment variable (Quarkus reads {@code QUARKUS_...} ones too, below system properties). */
        public Builder environment(String key, String value) {
            environment.put(key, value);
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
            command.add(ServerProcess.java());
            command.addAll(jvmOptions);
            config.forEach((key, value) -> command.add("-D" + key + "=" + value));
            command.add("-jar");
            command.add(jar.toString());
            return new PackagedApp(this, command);
        }
    }
}
