package io.perfsuite.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real {@code prometheus} on a free loopback port with lifecycle endpoints enabled. Scrape targets are added at
 * runtime: the config is regenerated, checked with {@code promtool check config}, then hot-reloaded.
 */
public final class PrometheusServer implements AutoCloseable {

    /** Short, so tests see fresh samples quickly. */
    public static final Duration DEFAULT_SCRAPE_INTERVAL = Duration.ofSeconds(1);

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration PROMTOOL_TIMEOUT = Duration.ofSeconds(30);

    private final int port;
    private final Duration scrapeInterval;
    private final Path directory;
    private final Path configFile;
    private final ManagedProcess process;
    private final List<ScrapeTarget> targets = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(HTTP_TIMEOUT).build();
    private boolean closed;

    private record ScrapeTarget(String job, String hostPort, String metricsPath) {
    }

    private PrometheusServer(Duration scrapeInterval) {
        Path binary = Binaries.require("prometheus");
        this.port = FreePort.find();
        this.scrapeInterval = scrapeInterval;
        this.directory = ScratchDirectory.create("perfsuite-prometheus-");
        this.configFile = directory.resolve("prometheus.yml");
        this.process = new ManagedProcess("prometheus-" + port, List.of(
                binary.toString(),
                "--config.file=" + configFile,
                "--storage.tsdb.path=" + directory.resolve("data"),
                "--web.listen-address=" + FreePort.LOOPBACK_HOST + ":" + port,
                "--web.enable-lifecycle"),
                directory);
        ShutdownGuard.register(this);
    }

    /** Starts Prometheus with no scrape targets and the {@linkplain #DEFAULT_SCRAPE_INTERVAL default interval}. */
    public static PrometheusServer launch() {
        return launch(DEFAULT_SCRAPE_INTERVAL);
    }

    /** Starts Prometheus with no scrape targets, and waits until {@code /-/ready} answers. */
    public static PrometheusServer launch(Duration scrapeInterval) {
        PrometheusServer server = new PrometheusServer(scrapeInterval);
        try {
            server.writeValidatedConfig();
            server.start();
            return server;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /**
     * Scrapes {@code http://<hostPort><metricsPath>} as job {@code job} from now on (from the next start, if stopped).
     * The config is validated before it is written; a rejected one throws and leaves the running config untouched.
     *
     * @param hostPort for example {@code 127.0.0.1:8080}, without a scheme
     */
    public synchronized void addScrapeTarget(String job, String hostPort, String metricsPath) {
        ScrapeTarget target = new ScrapeTarget(job, hostPort, metricsPath);
        targets.add(target);
        try {
            writeValidatedConfig();
        } catch (RuntimeException e) {
            targets.remove(target);
            throw e;
        }
        if (isRunning()) {
            reload();
        }
    }

    /** Starts Prometheus on its port, if it is not running, and waits until it is ready. */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("Prometheus on port " + port + " is closed");
        }
        process.start();
        process.awaitReady(STARTUP_TIMEOUT, () -> get("/-/ready").statusCode() == 200);
    }

    /** Stops Prometheus; its port and data are kept for the next {@link #start()}. */
    public synchronized void stop() {
        process.stop(STOP_GRACE);
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    public int port() {
        return port;
    }

    public Duration scrapeInterval() {
        return scrapeInterval;
    }

    /** {@code http://127.0.0.1:<port>}, the base of the HTTP API. */
    public String url() {
        return "http://" + FreePort.LOOPBACK_HOST + ":" + port;
    }

    /** Path of the server's log, kept after close. */
    public Path logFile() {
        return process.logFile();
    }

    /** Stops Prometheus and deletes its config and data. */
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
        return "PrometheusServer[" + url() + "]";
    }

    private void writeValidatedConfig() {
        Path candidate = directory.resolve("prometheus.yml.candidate");
        String config = renderConfig();
        try {
            Files.writeString(candidate, config, StandardCharsets.UTF_8);
            try {
                ExternalCommand.run(List.of(Binaries.require("promtool").toString(), "check", "config", candidate.toString()),
                        directory, PROMTOOL_TIMEOUT);
            } catch (TestServerException e) {
                throw new TestServerException("Prometheus config rejected: " + e.getMessage() + "\nconfig:\n" + config, e);
            }
            Files.move(candidate, configFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + configFile, e);
        } finally {
            candidate.toFile().delete();
        }
    }

    private String renderConfig() {
        String interval = scrapeInterval.toMillis() + "ms";
        StringBuilder yaml = new StringBuilder("# Generated by perfsuite test-support; rewritten by addScrapeTarget.\n")
                .append("global:\n")
                .append("  scrape_interval: ").append(interval).append('\n')
                .append("  scrape_timeout: ").append(interval).append('\n')
                .append("  evaluation_interval: ").append(interval).append('\n');
        if (targets.isEmpty()) {
            return yaml.append("scrape_configs: []\n").toString();
        }
        yaml.append("scrape_configs:\n");
        for (ScrapeTarget target : targets) {
            yaml.append("  - job_name: ").append(quoted(target.job())).append('\n')
                    .append("    metrics_path: ").append(quoted(target.metricsPath())).append('\n')
                    .append("    static_configs:\n")
                    .append("      - targets: [").append(quoted(target.hostPort())).append("]\n");
        }
        return yaml.toString();
    }

    private static String quoted(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private void reload() {
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(URI.create(url() + "/-/reload"))
                    .timeout(HTTP_TIMEOUT)
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw process.failure("Cannot reach " + url() + "/-/reload: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TestServerException("Interrupted while reloading " + this, e);
        }
        if (response.statusCode() != 200) {
            throw process.failure("Prometheus refused to reload its config (HTTP " + response.statusCode() + "): "
                    + response.body(), null);
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url() + path)).timeout(HTTP_TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
