package io.perfsuite.cache.coherence;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.perfsuite.testsupport.FreePort;

/**
 * One cache-service replica running the packaged application ({@code target/quarkus-app/quarkus-run.jar}) as its own
 * JVM, the way it runs in production, with its log in {@code target/it-<name>.log}.
 */
final class ReplicaProcess implements AutoCloseable {

    static final String ADMIN_KEY = "it-admin-secret-000001";

    private final String name;
    private final Process process;
    private final int port;

    private ReplicaProcess(String name, Process process, int port) {
        this.name = name;
        this.process = process;
        this.port = port;
    }

    static ReplicaProcess start(String name, String redisUri, Map<String, String> extraConfig) {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: run the IT through Maven (package before verify)");
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m"));
        int port = FreePort.find();
        Map<String, String> config = new java.util.LinkedHashMap<>(Map.of(
                "quarkus.http.port", String.valueOf(port),
                "quarkus.redis.hosts", redisUri,
                "quarkus.otel.sdk.disabled", "true",
                "quarkus.log.console.json.enabled", "false",
                "perfsuite.auth.api-keys.it.secret", ADMIN_KEY,
                "perfsuite.auth.api-keys.it.roles", "admin"));
        config.putAll(extraConfig);
        config.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(jar.toString());
        Path log = Path.of("target", "it-" + name + ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            ReplicaProcess replica = new ReplicaProcess(name, process, port);
            replica.awaitReady();
            return replica;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String baseUri() {
        return "http://127.0.0.1:" + port;
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see target/it-" + name
                        + ".log");
            }
            try {
                HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(baseUri() + "/q/health/ready"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                return ready.statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    @Override
    public String toString() {
        return name + "@" + baseUri();
    }
}
