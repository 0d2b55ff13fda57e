package io.perfsuite.autoscaler.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.micrometer.core.instrument.MeterRegistry;
import io.perfsuite.autoscaler.config.AutoscalerConfig;
import io.perfsuite.testsupport.PrometheusTestResource;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/** Timeouts and retries against a real HTTP endpoint that fails the way a struggling Prometheus does. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@WithTestResource(PrometheusTestResource.class)
class PrometheusClientTest {

    private static final String ANSWER = """
            {"status":"success","data":{"resultType":"vector","result":[
              {"metric":{"pod":"a"},"value":[1700000000,"30"]},{"metric":{"pod":"b"},"value":[1700000000,"12"]}]}}
            """;

    @Inject
    AutoscalerConfig config;

    @Inject
    MeterRegistry registry;

    private HttpServer server;
    private final CountDownLatch release = new CountDownLatch(1);
    private final ExecutorService handlers = Executors.newCachedThreadPool();

    @AfterEach
    void stopServer() {
        release.countDown();
        if (server != null) {
            server.stop(0);
        }
        handlers.shutdownNow();
    }

    private PrometheusClient client() {
        PrometheusApi api = QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .build(PrometheusApi.class);
        return new PrometheusClient(api, config, registry);
    }

    /** Accepts every query and never answers (until the test ends), like a Prometheus stuck on a heavy query. */
    private PrometheusClient clientHanging(AtomicInteger requests) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(handlers);
        server.createContext("/api/v1/query", exchange -> {
            requests.incrementAndGet();
            try {
                release.await(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.start();
        return client();
    }

    /** Answers {@code failures} times with {@code failureStatus}, then with a two-series vector. */
    private PrometheusClient clientFailing(int failures, int failureStatus, AtomicInteger requests) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/query", exchange -> {
            int n = requests.incrementAndGet();
            boolean fail = n <= failures;
            byte[] body = (fail ? "{\"status\":\"error\",\"error\":\"busy\"}" : ANSWER)
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(fail ? failureStatus : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return client();
    }

    @Test
    void shouldRetryServerErrorsAndSumTheSeries() throws IOException {
        AtomicInteger requests = new AtomicInteger();

        double value = clientFailing(2, 503, requests).value("sum(up)").orElseThrow();

        assertThat(value).isEqualTo(42.0);
        assertThat(requests).hasValue(3);
    }

    @Test
    void shouldNotRetryARejectedQuery() throws IOException {
        AtomicInteger requests = new AtomicInteger();

        PrometheusQueryException failure = catchThrowableOfType(PrometheusQueryException.class,
                () -> clientFailing(5, 400, requests).value("sum(("));

        assertThat(failure.rejected()).isTrue();
        assertThat(requests).hasValue(1);
    }

    @Test
    void shouldTimeOutEachAttemptAndRetryBeforeGivingUp() throws IOException {
        AtomicInteger requests = new AtomicInteger();
        PrometheusClient client = clientHanging(requests);

        PrometheusQueryException failure = catchThrowableOfType(PrometheusQueryException.class,
                () -> client.value("sum(up)"));

        assertThat(failure.rejected()).isFalse();
        assertThat(failure).hasMessageContaining("no answer within " + config.prometheus().timeout().toMillis()
                + " ms");
        assertThat(requests).hasValue(1 + config.prometheus().retries());
    }

    @Test
    void shouldGiveUpAfterTheConfiguredRetries() throws IOException {
        AtomicInteger requests = new AtomicInteger();

        PrometheusQueryException failure = catchThrowableOfType(PrometheusQueryException.class,
                () -> clientFailing(100, 503, requests).value("sum(up)"));

        assertThat(failure.rejected()).isFalse();
        assertThat(requests).hasValue(1 + config.prometheus().retries());
    }
}
