package io.perfsuite.e2e.tracing;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.perfsuite.testsupport.FreePort;
import io.restassured.path.json.JsonPath;

/**
 * A real Jaeger v2 (the binary {@code scripts/infra.sh} builds) with in-memory storage, its OTLP receivers and query
 * API on free loopback ports, configured like the local infrastructure's. Traces are read back through the query API
 * ({@code GET /api/traces/{traceId}}), as the Jaeger UI reads them.
 */
final class JaegerServer implements TraceBackend {

    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(5);
    /** What Jaeger's index page says when the binary was built without the UI. */
    static final String UI_PLACEHOLDER = "This is not the Jaeger UI you are looking for";

    private final Process process;
    private final Path log;
    private final int otlpHttpPort;
    private final int queryPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(HTTP_TIMEOUT).build();

    private JaegerServer(Process process, Path log, int otlpHttpPort, int queryPort) {
        this.process = process;
        this.log = log;
        this.otlpHttpPort = otlpHttpPort;
        this.queryPort = queryPort;
    }

    static JaegerServer launch(Path binary) {
        int otlpGrpc = FreePort.find();
        int otlpHttp = FreePort.find();
        int query = FreePort.find();
        int queryGrpc = FreePort.find();
        int health = FreePort.find();
        try {
            Path directory = Files.createDirectories(Path.of("target", "jaeger-" + otlpHttp).toAbsolutePath());
            Path config = directory.resolve("config.yaml");
            Files.writeString(config, config(otlpGrpc, otlpHttp, query, queryGrpc, health));
            Path log = directory.resolve("jaeger.log");
            ProcessBuilder builder = new ProcessBuilder(binary.toString(), "--config", config.toString())
                    .directory(directory.toFile()).redirectErrorStream(true).redirectOutput(Redirect.appendTo(log.toFile()))
                    .redirectInput(Redirect.from(new File("/dev/null")));
            // Jaeger traces its own query API to OTLP's default, 127.0.0.1:4317, which may be someone else's
            // collector: keep those spans unsampled, and inside this Jaeger if any are sent
            builder.environment().put("OTEL_TRACES_SAMPLER", "always_off");
            builder.environment().put("OTEL_EXPORTER_OTLP_ENDPOINT", "http://" + FreePort.LOOPBACK_HOST + ":" + otlpGrpc);
            Process process = builder.start();
            JaegerServer jaeger = new JaegerServer(process, log, otlpHttp, query);
            jaeger.awaitHealthy(health);
            return jaeger;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Jaeger from " + binary, e);
        }
    }

    // The local infrastructure's configuration (scripts/lib/jaeger.sh) on this test's own ports.
    private static String config(int otlpGrpc, int otlpHttp, int query, int queryGrpc, int health) {
        String host = FreePort.LOOPBACK_HOST;
        return """
                service:
                  extensions: [jaeger_storage, jaeger_query, healthcheckv2]
                  pipelines:
                    traces:
                      receivers: [otlp]
                      processors: [batch]
                      exporters: [jaeger_storage_exporter]
                  telemetry:
                    metrics:
                      level: none
                extensions:
                  jaeger_storage:
                    backends:
                      memstore:
                        memory:
                          max_traces: 10000
                  jaeger_query:
                    storage:
                      traces: memstore
                    http:
                      endpoint: %1$s:%4$d
                    grpc:
                      endpoint: %1$s:%5$d
                  healthcheckv2:
                    use_v2: true
                    http:
                      endpoint: %1$s:%6$d
                receivers:
                  otlp:
                    protocols:
                      grpc:
                        endpoint: %1$s:%2$d
                      http:
                        endpoint: %1$s:%3$d
                processors:
                  batch:
                    timeout: 100ms
                exporters:
                  jaeger_storage_exporter:
                    trace_storage: memstore
                """.formatted(host, otlpGrpc, otlpHttp, query, queryGrpc, health);
    }

    private void awaitHealthy(int healthPort) {
        HttpRequest status = HttpRequest.newBuilder(URI.create("http://" + FreePort.LOOPBACK_HOST + ":" + healthPort
                + "/status")).timeout(HTTP_TIMEOUT).build();
        try {
            await("Jaeger healthy (log: " + log + ")").atMost(STARTUP).pollInterval(Duration.ofMillis(200)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Jaeger exited with " + process.exitValue() + "; see " + log);
                }
                try {
                    return http.send(status, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                } catch (IOException e) {
                    return false;
                }
            });
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public Map<String, String> exporterConfig() {
        return Map.of(
                "quarkus.otel.exporter.otlp.endpoint", "http://" + FreePort.LOOPBACK_HOST + ":" + otlpHttpPort,
                "quarkus.otel.exporter.otlp.protocol", "http/protobuf",
                "quarkus.otel.bsp.schedule.delay", "100ms");
    }

    @Override
    public List<RecordedSpan> trace(String traceId) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(queryUrl() + "/api/traces/" + traceId))
                .timeout(HTTP_TIMEOUT).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("Jaeger's query API did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (response.statusCode() == 404) {
            return List.of();
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET /api/traces/" + traceId + ": " + response.statusCode() + " "
                    + response.body());
        }
        return spans(JsonPath.from(response.body()));
    }

    /** The query API's JSON (Jaeger's v1 UI model: tags, references, one process per service) as recorded spans. */
    private static List<RecordedSpan> spans(JsonPath json) {
        List<Map<String, Object>> traces = json.getList("data");
        List<RecordedSpan> spans = new ArrayList<>();
        if (traces == null) {
            return spans;
        }
        for (Map<String, Object> trace : traces) {
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> processes = (Map<String, Map<String, Object>>) trace.get("processes");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> traceSpans = (List<Map<String, Object>>) trace.get("spans");
            for (Map<String, Object> span : traceSpans) {
                Map<String, Object> process = processes.get((String) span.get("processID"));
                Map<String, String> tags = tags(span.get("tags"));
                List<String> other = new ArrayList<>(tags(process.get("tags")).values());
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> logs = (List<Map<String, Object>>) span.getOrDefault("logs", List.of());
                logs.forEach(entry -> other.addAll(tags(entry.get("fields")).values()));
                String kind = tags.getOrDefault("span.kind", "internal");
                spans.add(new RecordedSpan(padded((String) span.get("traceID"), 32), padded((String) span.get("spanID"), 16),
                        parent(span.get("references")), (String) process.get("serviceName"),
                        (String) span.get("operationName"), RecordedSpan.Kind.valueOf(kind.toUpperCase(Locale.ROOT)),
                        tags, other));
            }
        }
        return spans;
    }

    private static Optional<String> parent(Object references) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> refs = references == null ? List.of() : (List<Map<String, Object>>) references;
        return refs.stream().filter(ref -> "CHILD_OF".equals(ref.get("refType")))
                .map(ref -> padded((String) ref.get("spanID"), 16)).findFirst();
    }

    private static Map<String, String> tags(Object tags) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> list = tags == null ? List.of() : (List<Map<String, Object>>) tags;
        Map<String, String> result = new LinkedHashMap<>();
        list.forEach(tag -> result.put((String) tag.get("key"), String.valueOf(tag.get("value"))));
        return result;
    }

    // Jaeger prints ids without leading zeros
    private static String padded(String hex, int digits) {
        return "0".repeat(Math.max(0, digits - hex.length())) + hex;
    }

    String queryUrl() {
        return "http://" + FreePort.LOOPBACK_HOST + ":" + queryPort;
    }

    /**
     * Jaeger's UI, served by jaeger_query beside its API, if this binary has it: one built from the Go module alone
     * (as {@code scripts/infra.sh} builds it) embeds a placeholder page instead of the UI's assets.
     */
    @Override
    public Optional<String> uiUrl() {
        HttpRequest index = HttpRequest.newBuilder(URI.create(queryUrl() + "/")).timeout(HTTP_TIMEOUT).build();
        try {
            HttpResponse<String> page = http.send(index, HttpResponse.BodyHandlers.ofString());
            boolean placeholder = page.body().contains(UI_PLACEHOLDER);
            return page.statusCode() == 200 && !placeholder ? Optional.of(queryUrl()) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Jaeger's query port did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String describe() {
        return "Jaeger's query API at " + queryUrl() + " (log: " + log + ")";
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
