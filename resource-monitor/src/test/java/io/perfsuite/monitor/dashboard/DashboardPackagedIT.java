package io.perfsuite.monitor.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.perfsuite.testsupport.FreePort;

/** The packaged jar serves the page and the charting library from itself, and refuses a bad dashboard setting. */
class DashboardPackagedIT {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void shouldServeThePageItsScriptAndEchartsFromThePackagedJar() throws Exception {
        int port = FreePort.find();
        Process monitor = start("packaged-page", port, List.of());
        try {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                    .ignoreExceptions().until(() -> get(port, "/").statusCode() == 200);

            HttpResponse<String> page = get(port, "/");
            assertThat(page.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
            assertThat(page.body()).contains("webjars/echarts/5.3.1/dist/echarts.min.js").contains("dashboard/dashboard.js");
            HttpResponse<String> echarts = get(port, "/webjars/echarts/5.3.1/dist/echarts.min.js");
            assertThat(echarts.statusCode()).isEqualTo(200);
            assertThat(echarts.body().length()).as("the whole library, not a stub").isGreaterThan(500_000);
            assertThat(get(port, "/dashboard/dashboard.js").body()).contains("v1/dashboard/series");
        } finally {
            monitor.destroy();
            monitor.waitFor(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void shouldRefuseToStartWithAPolicyThatIsNotNamespaceSlashName() throws Exception {
        assertRefusesToStart("packaged-bad-policy", "-Dmonitor.dashboard.autoscaler.policies=Shop_API",
                "monitor.dashboard.autoscaler.policies[0] must be namespace/name");
    }

    @Test
    void shouldRefuseToStartWithLatencyBucketsThatDoNotIncrease() throws Exception {
        // the latency chart's buckets come from api-support's filter, which Micrometer builds at start-up
        assertRefusesToStart("packaged-bad-buckets", "-Dperfsuite.metrics.http-latency-buckets=10ms,100ms,50ms",
                "perfsuite.metrics.http-latency-buckets: buckets must be strictly increasing, got PT0.05S after PT0.1S");
    }

    private static void assertRefusesToStart(String name, String property, String message) throws Exception {
        Process monitor = start(name, FreePort.find(), List.of(property));
        assertThat(monitor.waitFor(90, TimeUnit.SECONDS)).as("exits instead of serving").isTrue();

        assertThat(monitor.exitValue()).isNotZero();
        assertThat(Files.readString(Path.of("target", "it-" + name + ".log"))).contains(message);
    }

    private static Process start(String name, int port, List<String> extra) throws IOException {
        assertThat(JAR).as("run through Maven: package comes before the ITs").exists();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Dquarkus.http.port=" + port, "-Dquarkus.otel.sdk.disabled=true",
                "-Dquarkus.log.console.json.enabled=false", "-Dmonitor.rules.defaults-enabled=false",
                "-Dmonitor.host.enabled=false", "-Dmonitor.prometheus.url=http://127.0.0.1:1",
                "-Dquarkus.redis.hosts=redis://127.0.0.1:1"));
        command.addAll(extra);
        command.add("-jar");
        command.add(JAR.toString());
        Path log = Path.of("target", "it-" + name + ".log");
        Files.deleteIfExists(log);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
