package io.perfsuite.e2e.tracing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where the services under test send their spans over OTLP, and where a test reads a trace back. Real Jaeger when a
 * binary is at hand (it is built from source, too slow for CI), else a receiver inside the test that decodes the same
 * OTLP export requests.
 */
public interface TraceBackend extends AutoCloseable {

    /** A path to a Jaeger v2 binary; {@code off} forces the in-test receiver. */
    String JAEGER_PROPERTY = "perfsuite.e2e.jaeger";
    String JAEGER_ENV = "PERFSUITE_E2E_JAEGER";
    /** Where {@code scripts/infra.sh} builds Jaeger, under the repository root. */
    Path BUILT_JAEGER = Path.of(".infra", "bin", "jaeger-v1.75.0", "jaeger");

    /** The configuration that points a Quarkus service's real OTLP exporter here. */
    Map<String, String> exporterConfig();

    /** The spans of one trace stored so far (an unknown trace has none). */
    List<RecordedSpan> trace(String traceId);

    /** Where a browser opens a trace ({@code <ui>/trace/<traceId>}): only a real Jaeger has a UI. */
    default Optional<String> uiUrl() {
        return Optional.empty();
    }

    /** What it is, for messages: "Jaeger at ..." or "in-test OTLP receiver". */
    String describe();

    @Override
    void close();

    /** Jaeger if a binary is configured or built in the repository, else the in-test receiver. */
    static TraceBackend start() {
        Optional<Path> jaeger = jaegerBinary();
        return jaeger.isPresent() ? JaegerServer.launch(jaeger.get()) : OtlpReceiver.start();
    }

    private static Optional<Path> jaegerBinary() {
        String configured = Stream.of(System.getProperty(JAEGER_PROPERTY), System.getenv(JAEGER_ENV))
                .filter(value -> value != null && !value.isBlank()).findFirst().orElse(null);
        if ("off".equals(configured)) {
            return Optional.empty();
        }
        if (configured != null) {
            Path binary = Path.of(configured);
            if (!Files.isExecutable(binary)) {
                throw new IllegalStateException(JAEGER_PROPERTY + "/" + JAEGER_ENV + " names " + binary
                        + ", which is not an executable file");
            }
            return Optional.of(binary);
        }
        Path root = Path.of(System.getProperty("perfsuite.root", "..")).toAbsolutePath().normalize();
        return Optional.of(root.resolve(BUILT_JAEGER)).filter(Files::isExecutable);
    }
}
