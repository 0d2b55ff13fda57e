package io.perfsuite.e2e.tracing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.perfsuite.testsupport.FreePort;

/**
 * An OTLP/HTTP trace receiver (protobuf, {@code POST /v1/traces}) inside the test: it decodes what the services' real
 * exporters send, as a collector would, and keeps every span in memory. Anything it cannot decode is answered 400 and
 * counted, so a broken export shows up as a failure, not as a missing span.
 */
final class OtlpReceiver implements TraceBackend {

    private static final String PROTOBUF = "application/x-protobuf";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "otlp-receiver"));
    private final List<RecordedSpan> spans = new CopyOnWriteArrayList<>();
    private final AtomicInteger rejected = new AtomicInteger();

    private OtlpReceiver(HttpServer server) {
        this.server = server;
    }

    static OtlpReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(FreePort.LOOPBACK_HOST, FreePort.find()), 16);
            OtlpReceiver receiver = new OtlpReceiver(server);
            server.createContext("/v1/traces", receiver::receive);
            server.setExecutor(receiver.executor);
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the OTLP receiver", e);
        }
    }

    @Override
    public Map<String, String> exporterConfig() {
        return Map.of(
                "quarkus.otel.exporter.otlp.endpoint", "http://" + FreePort.LOOPBACK_HOST + ":" + server.getAddress().getPort(),
                "quarkus.otel.exporter.otlp.protocol", "http/protobuf",
                // the batch processor's default is 5 s; the test should not wait that long for each hop
                "quarkus.otel.bsp.schedule.delay", "100ms");
    }

    @Override
    public List<RecordedSpan> trace(String traceId) {
        if (rejected.get() > 0) {
            throw new IllegalStateException(rejected.get() + " OTLP export request(s) could not be decoded");
        }
        return spans.stream().filter(span -> span.traceId().equals(traceId)).collect(Collectors.toList());
    }

    @Override
    public String describe() {
        return "the in-test OTLP receiver at " + exporterConfig().get("quarkus.otel.exporter.otlp.endpoint");
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            ExportTraceServiceRequest request;
            try (InputStream body = decoded(exchange)) {
                request = ExportTraceServiceRequest.parseFrom(body);
            } catch (IOException e) {
                rejected.incrementAndGet();
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            request.getResourceSpansList().forEach(this::record);
            byte[] response = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().set("Content-Type", PROTOBUF);
            exchange.sendResponseHeaders(200, response.length == 0 ? -1 : response.length);
            if (response.length > 0) {
                exchange.getResponseBody().write(response);
            }
        }
    }

    private static InputStream decoded(HttpExchange exchange) throws IOException {
        String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
        return "gzip".equalsIgnoreCase(encoding)
                ? new GZIPInputStream(exchange.getRequestBody())
                : exchange.getRequestBody();
    }

    private void record(ResourceSpans resourceSpans) {
        Resource resource = resourceSpans.getResource();
        Map<String, String> resourceAttributes = attributes(resource.getAttributesList());
        String service = resourceAttributes.getOrDefault("service.name", "unknown");
        for (ScopeSpans scope : resourceSpans.getScopeSpansList()) {
            for (Span span : scope.getSpansList()) {
                List<String> other = new ArrayList<>(resourceAttributes.values());
                span.getEventsList().forEach(event -> other.addAll(attributes(event.getAttributesList()).values()));
                other.add(span.getStatus().getMessage());
                spans.add(new RecordedSpan(hex(span.getTraceId().toByteArray()), hex(span.getSpanId().toByteArray()),
                        span.getParentSpanId().isEmpty()
                                ? Optional.empty()
                                : Optional.of(hex(span.getParentSpanId().toByteArray())),
                        service, span.getName(), kind(span.getKind()), attributes(span.getAttributesList()), other));
            }
        }
    }

    private static RecordedSpan.Kind kind(Span.SpanKind kind) {
        return switch (kind) {
            case SPAN_KIND_SERVER -> RecordedSpan.Kind.SERVER;
            case SPAN_KIND_CLIENT -> RecordedSpan.Kind.CLIENT;
            case SPAN_KIND_PRODUCER -> RecordedSpan.Kind.PRODUCER;
            case SPAN_KIND_CONSUMER -> RecordedSpan.Kind.CONSUMER;
            default -> RecordedSpan.Kind.INTERNAL;
        };
    }

    private static Map<String, String> attributes(List<KeyValue> keyValues) {
        Map<String, String> attributes = new LinkedHashMap<>();
        keyValues.forEach(kv -> attributes.put(kv.getKey(), text(kv.getValue())));
        return attributes;
    }

    /** Every value as text, the way Jaeger's query API shows a tag, so both backends compare alike. */
    private static String text(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case BOOL_VALUE -> String.valueOf(value.getBoolValue());
            case INT_VALUE -> String.valueOf(value.getIntValue());
            case DOUBLE_VALUE -> String.valueOf(value.getDoubleValue());
            case ARRAY_VALUE -> value.getArrayValue().getValuesList().stream().map(OtlpReceiver::text)
                    .collect(Collectors.joining(",", "[", "]"));
            case BYTES_VALUE -> hex(value.getBytesValue().toByteArray());
            default -> value.toString();
        };
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
