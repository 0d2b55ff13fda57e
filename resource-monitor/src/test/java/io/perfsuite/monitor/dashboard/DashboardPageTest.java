package io.perfsuite.monitor.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.perfsuite.testsupport.PrometheusServer;
import io.perfsuite.testsupport.PrometheusTestResource;
import io.perfsuite.testsupport.TestServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

/**
 * The page in Debian's headless Chromium against the running service and a real Prometheus scraping it: charts draw
 * real points, a rule that fires shows up as firing (and one waiting on its {@code for} as pending) with a link to
 * Jaeger, and the scaling decisions come from the (stub) autoscaler. Leaves target/dashboard.png behind.
 */
@QuarkusTest
@TestProfile(DashboardProfile.class)
@WithTestResource(PrometheusTestResource.class)
class DashboardPageTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration BOUND = Duration.ofSeconds(40);
    private static final AtomicReference<Double> QUEUE_DEPTH = new AtomicReference<>(0.0);

    private static PeerStub peers;
    private static Path profileDir;
    private ChromeDriver browser;

    @TestServer
    PrometheusServer prometheus;

    @Inject
    MeterRegistry registry;

    @BeforeAll
    static void requireChromium() throws IOException {
        // no silent skip: CI installs both through scripts/infra.sh install
        assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                .as("the dashboard's browser test needs Debian's chromium and chromium-driver"
                        + " (/usr/bin/chromium, /usr/bin/chromedriver): run scripts/infra.sh install as root,"
                        + " or apt-get install -y chromium chromium-driver")
                .isTrue();
        peers = new PeerStub(DashboardProfile.PEER_PORT);
        profileDir = Files.createTempDirectory("dashboard-chromium-");
    }

    @AfterAll
    static void stopPeers() {
        if (peers != null) {
            peers.close();
        }
    }

    @BeforeEach
    void openBrowser() {
        DashboardProfile.scrapeThisService(prometheus, RestAssured.port);
        Gauge.builder("perfsuite_dashboard_queue_depth", QUEUE_DEPTH, AtomicReference::get).tag("queue", "orders")
                .register(registry);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,2200", "--user-data-dir=" + profileDir);
        // an explicit driver: Selenium Manager must not try to download one
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().withLogFile(new File("target/chromedriver.log")).build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
    }

    @AfterEach
    void closeBrowser() {
        QUEUE_DEPTH.set(0.0);
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void shouldDrawRealPointsShowTheFiringAlertWithItsTraceLinkAndTheScalingDecisions() throws IOException {
        browser.get("http://127.0.0.1:" + RestAssured.port + "/");
        assertThat(browser.getTitle()).contains("resource-monitor");

        await("host CPU and request-rate charts drew points from Prometheus").atMost(BOUND).untilAsserted(() -> {
            WebElement cpu = browser.findElement(By.id("panel-host-cpu"));
            WebElement requests = browser.findElement(By.id("panel-requests"));
            assertThat(cpu.getAttribute("data-state")).isEqualTo("ok");
            assertThat(Integer.parseInt(cpu.getAttribute("data-points"))).isGreaterThan(1);
            assertThat(Integer.parseInt(requests.getAttribute("data-points"))).isGreaterThan(0);
        });
        assertThat(browser.findElements(By.cssSelector("#panel-host-cpu .chart canvas"))).as("echarts rendered")
                .isNotEmpty();
        assertThat(browser.findElement(By.id("prometheus")).getText()).isEqualTo("Prometheus: up");
        assertThat(browser.findElements(By.cssSelector("#alerts tbody tr"))).as("nothing fires yet").isEmpty();

        QUEUE_DEPTH.set(12.0);

        await("the rule fires and the page shows it").atMost(BOUND)
                .ignoreException(StaleElementReferenceException.class).untilAsserted(() -> {
                    List<WebElement> firing = browser.findElements(
                            By.cssSelector("#alerts tr[data-rule='DashboardQueueDeep'][data-state='firing']"));
                    assertThat(firing).hasSize(1);
                    assertThat(firing.get(0).getText()).contains("queue orders holds 12")
                            .contains("severity=critical");
                    assertThat(browser.findElements(
                            By.cssSelector("#alerts tr[data-rule='DashboardQueueSlowlyGrowing'][data-state='pending']")))
                            .as("waiting on its for: 1h").hasSize(1);
                    String link = browser
                            .findElement(By.cssSelector("#alerts tr[data-rule='DashboardQueueDeep'] a.trace-link"))
                            .getAttribute("href");
                    assertThat(link).startsWith(DashboardProfile.JAEGER + "/search?service=resource-monitor&start=")
                            .contains("&lookback=custom");
                });

        // the table is rebuilt at every refresh (1 s here): a row found just before one is gone when read
        await("the scaling table").atMost(BOUND).ignoreException(StaleElementReferenceException.class)
                .untilAsserted(() -> {
                    assertThat(browser.findElement(By.id("scaling")).getAttribute("data-state")).isEqualTo("up");
                    assertThat(browser.findElement(By.cssSelector("#scaling tbody tr[data-policy='shop/api']"))
                            .getText()).contains("2 → 4").contains("MetricAboveTarget");
                });
        assertThat(browser.findElement(By.id("slow-queries")).getAttribute("data-state"))
                .as("no key entered: the slow-query log stays locked").isEqualTo("locked");

        byte[] png = browser.getScreenshotAs(OutputType.BYTES);
        Files.write(Path.of("target/dashboard.png"), png);
        assertThat(png.length).isGreaterThan(10_000);
    }

    @Test
    void shouldSayPrometheusAndTheAutoscalerAreUnreachableWhileDownAndRecoverAfter() {
        browser.get("http://127.0.0.1:" + RestAssured.port + "/");
        await().atMost(BOUND).until(() -> "ok".equals(browser.findElement(By.id("panel-host-cpu"))
                .getAttribute("data-state")));

        prometheus.stop();
        peers.stop();
        try {
            await("the next refresh shows both outages").atMost(BOUND).untilAsserted(() -> {
                assertThat(browser.findElement(By.id("prometheus")).getText()).isEqualTo("Prometheus: unreachable");
                assertThat(browser.findElement(By.id("panel-host-cpu")).getAttribute("data-state"))
                        .isEqualTo("unreachable");
                assertThat(browser.findElement(By.cssSelector("#panel-host-cpu .status")).getText())
                        .startsWith("Prometheus is unreachable");
                assertThat(browser.findElement(By.id("scaling")).getAttribute("data-state")).isEqualTo("unreachable");
                assertThat(browser.findElement(By.cssSelector("#scaling .status")).getText())
                        .startsWith("autoscaler unreachable");
            });
            assertThat(browser.findElement(By.id("alerts")).getAttribute("data-state"))
                    .as("alerts come from this service, not Prometheus").isEqualTo("ok");
        } finally {
            prometheus.start();
            peers.start();
        }

        await("back once they answer").atMost(BOUND).untilAsserted(() -> {
            assertThat(browser.findElement(By.id("panel-host-cpu")).getAttribute("data-state")).isEqualTo("ok");
            assertThat(browser.findElement(By.id("scaling")).getAttribute("data-state")).isEqualTo("up");
        });
    }

    @Test
    void shouldShowTheSlowQueryLogWithTraceLinksOnceAnAdminKeyIsEntered() {
        browser.get("http://127.0.0.1:" + RestAssured.port + "/");
        await().atMost(BOUND).until(() -> "locked".equals(browser.findElement(By.id("slow-queries"))
                .getAttribute("data-state")));

        WebElement key = browser.findElement(By.id("api-key"));
        key.sendKeys("test-admin-key-0123456789");
        key.sendKeys(org.openqa.selenium.Keys.TAB);

        await().atMost(BOUND).untilAsserted(() -> {
            assertThat(browser.findElement(By.id("slow-queries")).getAttribute("data-state")).isEqualTo("up");
            assertThat(browser.findElement(By.cssSelector("#slow-queries a.trace-link")).getAttribute("href"))
                    .isEqualTo(DashboardProfile.JAEGER + "/trace/" + PeerStub.TRACE_ID);
        });
    }
}
