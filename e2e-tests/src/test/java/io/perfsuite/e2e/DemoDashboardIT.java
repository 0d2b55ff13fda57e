package io.perfsuite.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import io.perfsuite.e2e.browser.HeadlessChromium;
import io.perfsuite.e2e.tracing.TraceBackend;
import io.perfsuite.testsupport.FreePort;
import io.perfsuite.testsupport.PackagedApp;
import io.perfsuite.testsupport.PrometheusServer;
import io.perfsuite.testsupport.ServerProcess;
import io.restassured.path.json.JsonPath;

/**
 * The live demo as {@code scripts/run-local.sh} starts it, all five services as packaged jars: the load-balancer in
 * front of the shop and query-router, cache-service under the router, Prometheus scraping every service, the
 * autoscaler evaluating the demo's ScalingPolicy in local (Recommend) mode, resource-monitor's dashboard over all of
 * it, and the traffic generator playing a compressed day through the front door. In headless Chromium the dashboard
 * must show query-router's request rate and latency from that traffic and the policy's Recommend decisions; the page
 * is saved as {@code target/demo-dashboard.png}, the picture README.md shows (docs/images/demo-dashboard.png).
 */
class DemoDashboardIT {

    private static final Duration BOUND = Duration.ofMinutes(5);
    private static final String POLICY = "demo/demo-shop";
    /** resource-monitor's own admin key: the dashboard asks for it before it shows other clients' SQL. */
    private static final String MONITOR_KEY = "e2e-monitor-admin-key-3d8a61f0b4c9";

    private static final Started started = new Started();
    private static FrontDoorSuite suite;
    private static PackagedApp monitor;

    @BeforeAll
    static void startDemo() throws IOException {
        assumeTrue(HeadlessChromium.installed(), "no chromium and chromium-driver in /usr/bin");
        try {
            TraceBackend traces = opened(TraceBackend.start());
            suite = opened(FrontDoorSuite.start(traces));
            PrometheusServer prometheus = opened(PrometheusServer.launch());
            suite.metricsTargets().forEach((job, target) -> prometheus.addScrapeTarget(job, target, "/q/metrics"));

            Path policies = Files.createDirectories(Path.of("target", "demo-policies").toAbsolutePath());
            Files.copy(DemoShopProcess.demoSource("demo-shop-policy.yaml"), policies.resolve("demo-shop.yaml"),
                    StandardCopyOption.REPLACE_EXISTING);
            PackagedApp.Builder autoscaler = PackagedApp.builder("autoscaler", PackagedApp.moduleJar("autoscaler"))
                    .config(traces.exporterConfig())
                    .config(Map.of(
                            "autoscaler.prometheus.url", prometheus.url(),
                            "autoscaler.local.policies-dir", policies.toString(),
                            // no cluster here, as on a laptop: local mode, without waiting for a default API server
                            "quarkus.kubernetes-client.api-server-url", "http://" + FreePort.LOOPBACK_HOST + ":1",
                            "autoscaler.kubernetes.connect-timeout", "2s"));
            PackagedApp.Builder monitorApp = PackagedApp.builder("resource-monitor",
                    PackagedApp.moduleJar("resource-monitor"))
                    .config(traces.exporterConfig())
                    .config(Map.of(
                            "monitor.prometheus.url", prometheus.url(),
                            "quarkus.redis.hosts", suite.redisUri(),
                            "monitor.dashboard.autoscaler.url", "http://" + FreePort.LOOPBACK_HOST + ":" + autoscaler.port(),
                            "monitor.dashboard.autoscaler.policies", POLICY,
                            "monitor.dashboard.query-router.url", suite.routerUrl(),
                            "monitor.dashboard.query-router.api-key", FrontDoorSuite.SHOP_KEY,
                            "monitor.dashboard.refresh-seconds", "5"))
                    .config("perfsuite.auth.api-keys.dashboard.secret", MONITOR_KEY)
                    .config("perfsuite.auth.api-keys.dashboard.roles", "admin");
            CompletableFuture<PackagedApp> autoscalerStarted = CompletableFuture.supplyAsync(autoscaler::start);
            CompletableFuture<PackagedApp> monitorStarted = CompletableFuture.supplyAsync(monitorApp::start);
            PackagedApp scaler = opened(autoscalerStarted.join());
            monitor = opened(monitorStarted.join());
            prometheus.addScrapeTarget("autoscaler", FreePort.LOOPBACK_HOST + ":" + scaler.port(), "/q/metrics");
            prometheus.addScrapeTarget("resource-monitor", FreePort.LOOPBACK_HOST + ":" + monitor.port(), "/q/metrics");

            // a day in 3 minutes, so the picture shows the curve rising within the test's bound
            opened(ServerProcess.builder("demo-traffic",
                    List.of(ServerProcess.java(), "-Xmx64m", DemoShopProcess.demoSource("Traffic.java").toString()))
                    .environment(Map.of(
                            "DEMO_URL", suite.frontDoor(),
                            "DEMO_DAY_MINUTES", "3",
                            "DEMO_PEAK_RPS", "30",
                            "DEMO_NIGHT_RPS", "3",
                            "DEMO_PRODUCTS", "50"))
                    .start());
        } catch (RuntimeException | IOException e) {
            stopDemo();
            throw e;
        }
    }

    @AfterAll
    static void stopDemo() {
        started.close();
    }

    @Test
    void shouldShowTheDemoTrafficsRequestRateAndLatencyAndTheRecommendDecisionsOnTheDashboard() {
        try (HeadlessChromium chromium = HeadlessChromium.start(Path.of("target"), 1400, 2700)) {
            ChromeDriver page = chromium.driver();
            page.get(monitor.url() + "/");

            // a minute of points (5 s apart at the 15 m range) on the request and latency charts
            await("the dashboard's request and latency charts draw the demo traffic").atMost(BOUND)
                    .pollInterval(Duration.ofSeconds(2)).ignoreExceptions().untilAsserted(() -> {
                        for (String panel : List.of("requests", "latency")) {
                            WebElement section = page.findElement(By.id("panel-" + panel));
                            assertThat(section.getAttribute("data-state")).as(panel).isEqualTo("ok");
                            assertThat(Integer.parseInt(section.getAttribute("data-points"))).as(panel)
                                    .isGreaterThanOrEqualTo(12);
                        }
                    });
            // the evening peak (30 req/s, 10 a replica) has the policy recommend more than the one replica there is
            await("a Recommend decision of " + POLICY + " scaling up on the dashboard").atMost(BOUND)
                    .pollInterval(Duration.ofSeconds(2)).ignoreExceptions().untilAsserted(() -> {
                        assertThat(page.findElement(By.id("scaling")).getAttribute("data-state")).isEqualTo("up");
                        // each row's cells: time, policy, mode, from → to, reason, message
                        List<List<String>> rows = page.findElements(
                                By.cssSelector("#scaling tbody tr[data-policy='" + POLICY + "']")).stream()
                                .map(row -> row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList())
                                .toList();
                        assertThat(rows).isNotEmpty().allSatisfy(row -> assertThat(row.get(2)).as("mode of %s", row)
                                .isEqualToIgnoringCase("recommend"));
                        // Recommend changes nothing (from = to = 1): what it would do ends the message ("... -> 2")
                        assertThat(rows).as("decisions shown").anySatisfy(row -> assertThat(row.get(5))
                                .matches(".*-> ([2-9]|10)$"));
                    });
            // the monitor's admin key opens query-router's slow-query log, as a user would type it
            WebElement key = page.findElement(By.id("api-key"));
            key.sendKeys(MONITOR_KEY);
            key.sendKeys(Keys.TAB);
            await("the slow-query log opens with the key").atMost(BOUND).ignoreExceptions().until(
                    () -> "up".equals(page.findElement(By.id("slow-queries")).getAttribute("data-state")));

            // what the charts drew is query-router serving the shop: nothing else calls its API here
            JsonPath requests = series("requests");
            assertThat(requests.getList("series.name", String.class)).contains("query-router");
            assertThat(peak(requests, "query-router")).as("query-router's request rate, req/s").isGreaterThan(1.0);
            JsonPath latency = series("latency");
            assertThat(latency.getList("series.name", String.class)).contains("query-router");
            assertThat(peak(latency, "query-router")).as("query-router's latency, s").isPositive();
            assertThat(page.findElement(By.cssSelector("#panel-requests .chart canvas")).isDisplayed()).isTrue();

            // the README shows this picture (docs/images/demo-dashboard.png is a copy)
            assertThat(chromium.screenshot(Path.of("target", "demo-dashboard.png"))).isGreaterThan(50_000);
        }
    }

    private static JsonPath series(String panel) {
        return given().baseUri(monitor.url()).queryParam("panel", panel).queryParam("range", "15m")
                .get("/v1/dashboard/series").then().statusCode(200).extract().jsonPath();
    }

    /** The highest value of the named line. */
    private static double peak(JsonPath chart, String name) {
        List<List<Object>> points = chart.getList("series.find { it.name == '" + name + "' }.points");
        return points.stream().map(point -> point.get(1)).filter(Number.class::isInstance)
                .mapToDouble(value -> ((Number) value).doubleValue()).max().orElse(0);
    }

    private static <T extends AutoCloseable> T opened(T resource) {
        return started.add(resource);
    }
}
