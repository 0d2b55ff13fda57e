package io.perfsuite.testsupport.tracing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;

/**
 * Collects the spans the application exports, beside the configured OTLP exporter: quarkus-opentelemetry hands
 * every {@code SpanExporter} bean the finished spans, so a {@code @QuarkusTest} can {@code @Inject
 * InMemorySpanExporter} and assert on them.
 * <p>
 * test-support is deliberately not a bean archive (no beans.xml, no Jandex index): otherwise every module with
 * test-support on its test classpath would get this producer, so an extra exporter holding all of its spans in
 * memory, and a module without the OpenTelemetry SDK a bean whose type it cannot load. A module whose tests want
 * it opts in by indexing test-support in {@code src/test/resources/application.properties}:
 *
 * <pre>
 * quarkus.index-dependency.test-support.group-id=io.perfsuite
 * quarkus.index-dependency.test-support.artifact-id=perfsuite-test-support
 * </pre>
 *
 * and keeps {@code io.opentelemetry:opentelemetry-sdk-testing} as its own test dependency (test-support declares it
 * optional, so it does not reach modules that don't ask for it).
 */
@ApplicationScoped
public class InMemorySpans {

    @Produces
    @Singleton
    InMemorySpanExporter exporter() {
        return InMemorySpanExporter.create();
    }
}
