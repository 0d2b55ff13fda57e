package io.perfsuite.loadbalancer.observability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.perfsuite.loadbalancer.config.RoutingFile;
import io.perfsuite.loadbalancer.proxy.ProxyServer;
import io.perfsuite.loadbalancer.testing.ProxyBackendsResource;
import io.perfsuite.loadbalancer.testing.TestBackends;
import io.perfsuite.testsupport.TestServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * The proxy's span, read from the real wiring: quarkus-opentelemetry hands finished spans to test-support's
 * {@code InMemorySpanExporter} bean. Each request carries its own traceparent, so a span is found by its trace id
 * whatever other tests of this application traced meanwhile.
 */
@QuarkusTest
@WithTestResource(ProxyBackendsResource.class)
class ProxySpanTest {

    private static final String CLIENT_SPAN = "b7ad6b7169203331";

    @Inject
    ProxyServer proxy;

    @Inject
    InMemorySpanExporter spans;

    @Inject
    RoutingFile routing;

    @TestServer
    TestBackends backends;

    private static String newTraceId() {
        return String.format("%016x%016x", ThreadLocalRandom.current().nextLong(), ThreadLocalRandom.current()
                .nextLong() | 1);
    }

    private Response traced(String traceId, String path) {
        return given().port(proxy.port()).header("traceparent", "00-" + traceId + "-" + CLIENT_SPAN + "-01").get(path);
    }

    private SpanData proxySpan(String traceId) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> spans.getFinishedSpanItems().stream()
                .filter(span -> span.getTraceId().equals(traceId) && span.getKind() == SpanKind.SERVER)
                .findFirst().orElse(null), span -> span != null);
    }

    private String idOf(String backend) {
        return backends.get(backend).url().substring("http://".length());
    }

    private static String attribute(SpanData span, String key) {
        return span.getAttributes().get(AttributeKey.stringKey(key));
    }

    @BeforeEach
    void forgetEarlierSpans() {
        spans.reset();
    }

    @Test
    void shouldContinueTheClientsTraceAndHandTheBackendTheProxysSpanAsParent() {
        String traceId = newTraceId();

        JsonPath echo = traced(traceId, "/echo/traced").then().statusCode(200).extract().jsonPath();

        SpanData span = proxySpan(traceId);
        assertThat(span.getParentSpanId()).as("parent: the client's span").isEqualTo(CLIENT_SPAN);
        assertThat(span.getName()).isEqualTo("GET default");
        List<String> sent = echo.getList("headers.traceparent");
        assertThat(sent).hasSize(1);
        String[] parts = sent.get(0).split("-");
        assertThat(parts[1]).as("trace id the backend got").isEqualTo(traceId);
        assertThat(parts[2]).as("parent the backend got: the proxy's span").isEqualTo(span.getSpanId())
                .isNotEqualTo(CLIENT_SPAN);
        assertThat(attribute(span, "lb.route")).isEqualTo("default");
        assertThat(attribute(span, "lb.pool")).isEqualTo("echo");
        assertThat(attribute(span, "lb.strategy")).isEqualTo("round-robin");
        assertThat(attribute(span, "lb.backend")).isEqualTo(idOf(echo.getString("server")));
        assertThat(attribute(span, "lb.selection.reason")).isEqualTo("strategy");
        assertThat(span.getAttributes().get(AttributeKey.longKey("lb.attempts"))).isEqualTo(1L);
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    }

    @Test
    void shouldMarkTheAttemptAfterARefusedConnectionAsARetry() {
        // round-robin over [closed port, echo-1]: within two requests one starts on the closed port
        SpanData retried = null;
        for (int i = 0; i < 4 && retried == null; i++) {
            String traceId = newTraceId();
            traced(traceId, "/refuse-once").then().statusCode(200);
            SpanData span = proxySpan(traceId);
            if (span.getAttributes().get(AttributeKey.longKey("lb.attempts")) == 2L) {
                retried = span;
            }
        }

        assertThat(retried).as("a request that needed a second attempt").isNotNull();
        assertThat(attribute(retried, "lb.selection.reason")).isEqualTo("retry");
        assertThat(attribute(retried, "lb.backend")).isEqualTo(idOf("echo-1"));
        assertThat(attribute(retried, "lb.pool")).isEqualTo("refuse-once");
        assertThat(retried.getEvents()).extracting(EventData::getName).containsExactly("attempt", "attempt");
        assertThat(retried.getEvents().get(0).getAttributes().get(AttributeKey.stringKey("lb.selection.reason")))
                .isEqualTo("strategy");
        assertThat(retried.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    }

    @Test
    void shouldMarkASelectionInPanicModeAsPanic() {
        // the pool's only backend fails its health checks: no endpoint is available, so it balances over all
        await().atMost(Duration.ofSeconds(10))
                .until(() -> routing.topology().pool("sick").pool().panicking());
        String traceId = newTraceId();

        traced(traceId, "/panic").then().statusCode(200);

        SpanData span = proxySpan(traceId);
        assertThat(attribute(span, "lb.selection.reason")).isEqualTo("panic");
        assertThat(attribute(span, "lb.backend")).isEqualTo(idOf("sick"));
        assertThat(attribute(span, "lb.route")).isEqualTo("panic");
    }

    @Test
    void shouldSetErrorStatusWhenTheClientGetsA5xxButNotA4xx() {
        String failed = newTraceId();
        String missing = newTraceId();

        traced(failed, "/status/500").then().statusCode(500);
        traced(missing, "/status/404").then().statusCode(404);

        SpanData error = proxySpan(failed);
        assertThat(error.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(error.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(500L);
        assertThat(proxySpan(missing).getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    }
}
