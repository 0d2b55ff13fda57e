package io.perfsuite.monitor.dashboard;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.perfsuite.testsupport.FreePort;
import io.perfsuite.testsupport.PrometheusServer;
import io.perfsuite.testsupport.PrometheusTestResource;
import io.perfsuite.testsupport.TestServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.vertx.core.Vertx;

/** The page's data endpoints against a real Prometheus scraping this service, and stub peers. */
@QuarkusTest
@TestProfile(DashboardProfile.class)
@WithTestResource(PrometheusTestResource.class)
class DashboardResourceTest {

    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final String ADMIN = "test-admin-key-0123456789";
    private static PeerStub peers;

    @TestServer
    PrometheusServer prometheus;

    @BeforeAll
    static void startPeers() {
        peers = new PeerStub(DashboardProfile.PEER_PORT);
    }

    @AfterAll
    static void stopPeers() {
        peers.close();
    }

    @BeforeEach
    void scrapeThisService() {
        DashboardProfile.scrapeThisService(prometheus, RestAssured.port);
    }

    @AfterEach
    void restorePrometheus() {
        if (!prometheus.isRunning()) {
            prometheus.start();
        }
    }

    @Test
    void shouldChartThisHostsCpuFromPrometheusOverTheRequestedRange() {
        await().atMost(BOUND).untilAsserted(() -> given().get("/v1/dashboard/series?panel=host-cpu&range=5m&step=1s")
                .then().statusCode(200)
                .body("panel", equalTo("host-cpu"))
                .body("unit", equalTo("ratio"))
                .body("stepSeconds", equalTo(1))
                .body("series.find { it.labels.job == 'resource-monitor' }.points.size()", greaterThan(1))
                .body("series.find { it.labels.job == 'resource-monitor' }.points.collect { it[1] }.findAll { it != null }"
                        + ".every { it >= 0 && it <= 1 }", equalTo(true)));
    }

    @Test
    void shouldChartThisHostsDiskFileSystemsSwapAndFileDescriptors() {
        await().atMost(BOUND).untilAsserted(() -> given().get("/v1/dashboard/series?panel=host-fds&range=5m&step=1s")
                .then().statusCode(200)
                .body("series.find { it.labels.job == 'resource-monitor' }.points.collect { it[1] }.findAll { it != null }"
                        + ".every { it > 0 }", equalTo(true))
                .body("series.find { it.labels.job == 'resource-monitor' }.points.size()", greaterThan(1)));
        await().atMost(BOUND).untilAsserted(() -> given().get("/v1/dashboard/series?panel=host-filesystem&range=5m")
                .then().statusCode(200)
                .body("unit", equalTo("ratio"))
                .body("series.size()", greaterThan(0))
                .body("series.every { it.labels.mountpoint != null }", equalTo(true))
                .body("series.collectMany { it.points.collect { p -> p[1] } }.findAll { it != null }"
                        + ".every { it >= 0 && it <= 1 }", equalTo(true)));
        await().atMost(BOUND).untilAsserted(() -> given().get("/v1/dashboard/series?panel=host-disk&range=5m&step=1s")
                .then().statusCode(200)
                .body("unit", equalTo("bytes/s"))
                .body("series.size()", greaterThan(0))
                .body("series[0].points.collect { it[1] }.findAll { it != null }.size()", greaterThan(1))
                .body("series[0].points.collect { it[1] }.findAll { it != null }.every { it >= 0 }", equalTo(true)));
        await().atMost(BOUND).untilAsserted(() -> given().get("/v1/dashboard/series?panel=host-swap&range=5m&step=1s")
                .then().statusCode(200)
                .body("unit", equalTo("bytes"))
                .body("series.find { it.labels.job == 'resource-monitor' }.points.size()", greaterThan(1)));
    }

    @Test
    void shouldChartRequestRatePerServiceNamedByJob() {
        await().atMost(BOUND).untilAsserted(() -> given().get("/v1/dashboard/series?panel=requests&range=5m")
                .then().statusCode(200)
                .body("series.name", hasItem("resource-monitor"))
                .body("series.find { it.name == 'resource-monitor' }.points.findAll { it[1] != null }.size()",
                        greaterThan(0)));
    }

    @Test
    void shouldChartP99ForEveryServiceWithBucketsThisOneAndTheLoadBalancerIncludedAndTheMeanForOneWithout() {
        // per second 100 requests: 90 under 10 ms, 9 more under 100 ms, 1 under 1 s; p99 interpolates to 0.1 s
        Vertx vertx = Vertx.vertx();
        AtomicLong rounds = new AtomicLong();
        int port = FreePort.find();
        vertx.createHttpServer().requestHandler(request -> {
            long n = rounds.incrementAndGet();
            String buckets = """
                    http_server_requests_seconds_bucket{le="0.01"} %d
                    http_server_requests_seconds_bucket{le="0.1"} %d
                    http_server_requests_seconds_bucket{le="1.0"} %d
                    http_server_requests_seconds_bucket{le="+Inf"} %d
                    """.formatted(90 * n, 99 * n, 100 * n, 100 * n);
            if (request.path().equals("/lb")) {
                // the load-balancer's own per-backend histogram, the same distribution over two backends
                request.response().putHeader("Content-Type", "text/plain; version=0.0.4").end("# TYPE"
                        + " lb_backend_latency_seconds histogram\n" + buckets.replace("http_server_requests_seconds_bucket{",
                                "lb_backend_latency_seconds_bucket{pool=\"api\",backend=\"b1\",")
                        + buckets.replace("http_server_requests_seconds_bucket{",
                                "lb_backend_latency_seconds_bucket{pool=\"api\",backend=\"b2\","));
                return;
            }
            boolean bucketed = request.path().equals("/bucketed");
            // a service without buckets (as every one was before api-support's filter): 20 ms on average
            request.response().putHeader("Content-Type", "text/plain; version=0.0.4").end("""
                    # TYPE http_server_requests_seconds %s
                    %shttp_server_requests_seconds_count %d
                    http_server_requests_seconds_sum %s
                    """.formatted(bucketed ? "histogram" : "summary", bucketed ? buckets : "", 100 * n, 2.0 * n));
        }).listen(port, "127.0.0.1").toCompletionStage().toCompletableFuture().join();
        try {
            prometheus.addScrapeTarget("bucketed-service", "127.0.0.1:" + port, "/bucketed");
            prometheus.addScrapeTarget("unbucketed-service", "127.0.0.1:" + port, "/unbucketed");
            prometheus.addScrapeTarget("lb-service", "127.0.0.1:" + port, "/lb");

            await().atMost(BOUND).untilAsserted(() -> given().get("/v1/dashboard/series?panel=latency&range=5m&step=1s")
                    .then().statusCode(200)
                    .body("series.find { it.name == 'bucketed-service' }.labels.stat", equalTo("p99"))
                    .body(valuesOf("bucketed-service") + ".size()", greaterThan(0))
                    .body(valuesOf("bucketed-service") + ".every { Math.abs(it - 0.1) < 1e-6 }", equalTo(true))
                    .body("series.findAll { it.name == 'bucketed-service' }.size()", equalTo(1))
                    .body("series.find { it.name == 'unbucketed-service' }.labels.stat", equalTo("mean"))
                    .body(valuesOf("unbucketed-service") + ".size()", greaterThan(0))
                    .body(valuesOf("unbucketed-service") + ".every { Math.abs(it - 0.02) < 1e-6 }", equalTo(true))
                    .body("series.find { it.name == 'lb-service' }.labels.stat", equalTo("backend-p99"))
                    .body(valuesOf("lb-service") + ".size()", greaterThan(0))
                    .body(valuesOf("lb-service") + ".every { Math.abs(it - 0.1) < 1e-6 }", equalTo(true))
                    // this service's own answers, through api-support's buckets (1 ms .. 10 s)
                    .body("series.findAll { it.name == 'resource-monitor' }.size()", equalTo(1))
                    .body("series.find { it.name == 'resource-monitor' }.labels.stat", equalTo("p99"))
                    .body(valuesOf("resource-monitor") + ".size()", greaterThan(0))
                    .body(valuesOf("resource-monitor") + ".every { it > 0 && it <= 10 }", equalTo(true)));
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    /** The GPath of a latency series' non-null values, by job. */
    private static String valuesOf(String job) {
        return "series.find { it.name == '" + job + "' }.points.collect { it[1] }.findAll { it != null }";
    }

    @Test
    void shouldListEveryPanelAndTheJaegerUrlInTheSettings() {
        given().get("/v1/dashboard/settings").then().statusCode(200)
                .body("panels.id", hasItem("cache-hit-ratio"))
                .body("panels.id", hasItem("replica-lag"))
                .body("panels", hasSize(Panel.values().length))
                .body("refreshSeconds", equalTo(1))
                .body("jaegerUrl", equalTo(DashboardProfile.JAEGER));
    }

    @Test
    void shouldRefuseAnUnknownPanelNamingTheFieldAndTheRule() {
        given().get("/v1/dashboard/series?panel=up%7Bjob%3D%22x%22%7D").then().statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("panel"))
                .body("rule", equalTo("oneOf"))
                .body("detail", containsString("host-cpu"));
        given().get("/v1/dashboard/series").then().statusCode(400)
                .body("field", equalTo("panel")).body("rule", equalTo("required"));
    }

    @Test
    void shouldRefuseARangeOrStepThatIsMalformedOrAsksForTooManyPoints() {
        given().get("/v1/dashboard/series?panel=host-cpu&range=fortnight").then().statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("range")).body("rule", equalTo("duration"));
        given().get("/v1/dashboard/series?panel=host-cpu&range=30d").then().statusCode(400)
                .body("field", equalTo("range")).body("rule", equalTo("between"));
        given().get("/v1/dashboard/series?panel=host-cpu&range=7d&step=1s").then().statusCode(400)
                .body("field", equalTo("step")).body("rule", equalTo("maxPoints"));
        given().get("/v1/dashboard/series?panel=host-cpu&step=0s").then().statusCode(400)
                .body("field", equalTo("step")).body("rule", equalTo("min"));
    }

    @Test
    void shouldAnswer503WithRetryAfterWhilePrometheusIsDownThenRecover() {
        prometheus.stop();

        given().get("/v1/dashboard/series?panel=host-cpu").then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "5")
                .body("detail", startsWith("Prometheus is unreachable"));

        prometheus.start();
        await().atMost(BOUND).untilAsserted(() -> given().get("/v1/dashboard/series?panel=host-cpu")
                .then().statusCode(200));
    }

    @Test
    void shouldShowTheLatestScalingDecisionFirstAndSayWhichPolicyHasNone() {
        given().get("/v1/dashboard/scaling").then().statusCode(200)
                .body("status", equalTo("up"))
                .body("policies.find { it.policy == 'shop/api' }.decisions[0].to", equalTo(4))
                .body("policies.find { it.policy == 'shop/api' }.decisions[0].reason", equalTo("MetricAboveTarget"))
                .body("policies.find { it.policy == 'shop/unknown' }.status", equalTo("none"));
    }

    @Test
    void shouldSayTheAutoscalerIsUnreachableWhenItIsDown() {
        peers.stop();
        try {
            given().get("/v1/dashboard/scaling").then().statusCode(200)
                    .body("status", equalTo("unreachable"))
                    .body("policies.status", everyItem(equalTo("unreachable")))
                    .body("error", containsString("Connect"));
        } finally {
            peers.start();
        }
    }

    @Test
    void shouldKeepTheSlowQueryLogForAdminsAndLinkEachQueryToItsTrace() {
        given().get("/v1/dashboard/slow-queries").then().statusCode(401)
                .contentType("application/problem+json");
        given().header("X-API-Key", "test-viewer-key-0123456789").get("/v1/dashboard/slow-queries").then()
                .statusCode(403);
        given().header("X-API-Key", ADMIN).get("/v1/dashboard/slow-queries").then().statusCode(200)
                .body("status", equalTo("up"))
                .body("queries[0].durationMs", equalTo(1250))
                .body("queries[0].traceUrl", equalTo(DashboardProfile.JAEGER + "/trace/" + PeerStub.TRACE_ID));
    }
}
