package io.perfsuite.monitor.notification.delivery;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.perfsuite.testsupport.FreePort;

/** The packaged monitor ({@code target/quarkus-app/quarkus-run.jar}) as its own JVM, log in {@code target/it-<name>.log}. */
final class MonitorProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final int port;

    private MonitorProcess(String name, Process process, int port) {
        this.name = name;
        this.process = process;
        this.port = port;
    }

    static MonitorProcess start(String name, Map<String, String> extraConfig) {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: run the IT through Maven (package before verify)");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m"));
        int port = FreePort.find();
        Map<String, String> config = new LinkedHashMap<>(Map.of(
                "quarkus.http.port", String.valueOf(port),
                "quarkus.otel.sdk.disabled", "true",
                "quarkus.log.console.json.enabled", "false",
                "monitor.rules.defaults-enabled", "false",
                "monitor.host.enabled", "false"));
        config.putAll(extraConfig);
        config.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(jar.toString());
        Path log = Path.of("target", "it-" + name + ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            MonitorProcess monitor = new MonitorProcess(name, process, port);
            monitor.awaitReady();
            return monitor;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the process logged so far. */
    String log() {
        try {
            return Files.readString(Path.of("target", "it-" + name + ".log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see target/it-" + name
                        + ".log");
            }
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
    }

    /** Ends the JVM at once (SIGKILL), as a crash or an OOM kill would: no shutdown hook runs. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
