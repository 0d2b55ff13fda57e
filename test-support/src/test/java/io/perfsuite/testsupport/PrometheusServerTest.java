package io.perfsuite.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class PrometheusServerTest {

    private static final Duration SCRAPED_WITHIN = Duration.ofSeconds(20);

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldBeReadyOnItsLoopbackPort() throws Exception {
        try (PrometheusServer prometheus = PrometheusServer.launch()) {
            assertThat(prometheus.url()).isEqualTo("http://127.0.0.1:" + prometheus.port());
            assertThat(get(prometheus, "/-/ready").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void shouldScrapeATargetAddedAtRuntime() {
        try (PrometheusServer prometheus = PrometheusServer.launch()) {
            prometheus.addScrapeTarget("self", "127.0.0.1:" + prometheus.port(), "/metrics");

            await().atMost(SCRAPED_WITHIN).until(() -> isUp(prometheus, "self"));
        }
    }

    @Test
    void shouldRejectAnInvalidTargetAndKeepServingTheLastGoodConfig() {
        try (PrometheusServer prometheus = PrometheusServer.launch()) {
            prometheus.addScrapeTarget("self", "127.0.0.1:" + prometheus.port(), "/metrics");

            assertThatThrownBy(() -> prometheus.addScrapeTarget("broken", "http://127.0.0.1:1", "/metrics"))
                    .isInstanceOf(TestServerException.class)
                    .hasMessageContaining("promtool")
                    .hasMessageContaining("is not a valid hostname");

            await().atMost(SCRAPED_WITHIN).until(() -> isUp(prometheus, "self"));
        }
    }

    @Test
    void shouldComeBackOnTheSamePortWithItsTargets() {
        try (PrometheusServer prometheus = PrometheusServer.launch()) {
            int port = prometheus.port();
            prometheus.addScrapeTarget("self", "127.0.0.1:" + port, "/metrics");

            prometheus.stop();
            assertThat(prometheus.isRunning()).isFalse();
            assertThatThrownBy(() -> get(prometheus, "/-/ready")).isInstanceOf(IOException.class);

            prometheus.start();
            assertThat(prometheus.port()).isEqualTo(port);
            await().atMost(SCRAPED_WITHIN).until(() -> isUp(prometheus, "self"));
        }
    }

    /** True once the job's latest {@code up} sample is 1: the query returns the series only then. */
    private boolean isUp(PrometheusServer prometheus, String job) throws Exception {
        String query = URLEncoder.encode("up{job=\"" + job + "\"} == 1", StandardCharsets.UTF_8);
        HttpResponse<String> response = get(prometheus, "/api/v1/query?query=" + query);
        return response.statusCode() == 200 && response.body().contains("\"job\":\"" + job + "\"");
    }

    private HttpResponse<String> get(PrometheusServer prometheus, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(prometheus.url() + path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
