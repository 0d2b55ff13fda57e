package io.perfsuite.e2e.tracing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.perfsuite.testsupport.FreePort;
import io.perfsuite.testsupport.ServerProcess;
import io.restassured.path.json.JsonPath;

/**
 * A real Jaeger v2 (the binary {@code scripts/infra.sh} builds) with in-memory storage, its OTLP receivers and query
 * API on free loopback ports, run with the local infrastructure's own configuration file ({@code scripts/lib/jaeger.yaml},
 * ports through the environment). Traces are read back through the query API
 * ({@code GET /api/traces/{traceId}}), as the Jaeger UI reads them.
 */
final class JaegerServer implements TraceBackend {

    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(5);
    /** What Jaeger's index page says when the binary was built without the UI. */
    static final String UI_PLACEHOLDER = "This is not the Jaeger UI you are looking for";
    /** The local infrastructure's configuration, which takes its ports from the environment. */
    static final Path CONFIG = Path.of("scripts", "lib", "jaeger.yaml");

    private final ServerProcess process;
    private final int otlpHttpPort;
    private final int queryPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(HTTP_TIMEOUT).build();

    private JaegerServer(ServerProcess process, int otlpHttpPort, int queryPort) {
        this.process = process;
        this.otlpHttpPort = otlpHttpPort;
        this.queryPort = queryPort;
    }

    static JaegerServer launch(Path binary) {
        Path root = Path.of(System.getProperty("perfsuite.root", "..")).toAbsolutePath().normalize();
        int otlpGrpc = FreePort.find();
        int otlpHttp = FreePort.find();
        int query = FreePort.find();
        int health = FreePort.find();
        String host = FreePort.LOOPBACK_HOST;
        ServerProcess process = ServerProcess.builder("jaeger-" + otlpHttp,
                List.of(binary.toString(), "--config", root.resolve(CONFIG).toString()))
                .environment(Map.of(
                        "PERFSUITE_JAEGER_OTLP_GRPC_PORT", String.valueOf(otlpGrpc),
                        "PERFSUITE_JAEGER_OTLP_HTTP_PORT", String.valueOf(otlpHttp),
                        "PERFSUITE_JAEGER_UI_PORT", String.valueOf(query),
                        "PERFSUITE_JAEGER_QUERY_GRPC_PORT", String.valueOf(FreePort.find()),
                        "PERFSUITE_JAEGER_HEALTH_PORT", String.valueOf(health),
                        "PERFSUITE_JAEGER_MAX_TRACES", "10000",
                        // the services export every 100 ms: spans should not wait in Jaeger's batch either
                        "PERFSUITE_JAEGER_BATCH_TIMEOUT", "100ms",
                        // Jaeger traces its own query API to OTLP's default, 127.0.0.1:4317, which may be someone
                        // else's collector: keep those spans unsampled, and inside this Jaeger if any are sent
                        "OTEL_TRACES_SAMPLER", "always_off",
                        "OTEL_EXPORTER_OTLP_ENDPOINT", "http://" + host + ":" + otlpGrpc))
                .readyUrl("http://" + host + ":" + health + "/status").readyTimeout(STARTUP).build();
        try {
            process.start();
        } catch (RuntimeException e) {
            process.close();
            throw new IllegalStateException("cannot start Jaeger from " + binary, e);
        }
        return new JaegerServer(process, otlpHttp, query);
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
        return "Jaeger's query API at " + queryUrl() + " (log: " + process.logFile() + ")";
    }

    @Override
    public void close() {
        process.close();
    }
}
