package io.perfsuite.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.perfsuite.e2e.browser.JaegerTraceView;
import io.perfsuite.e2e.tracing.RecordedSpan;
import io.perfsuite.e2e.tracing.RecordedSpan.Kind;
import io.perfsuite.e2e.tracing.TraceBackend;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * One request through the front door, answered by query-router from cache-service's result cache, is one trace: the
 * load-balancer's proxy span, query-router's server span under it, its lookup's client span, and cache-service's
 * server span under that, each with the decision it made. Spans are read back from Jaeger's query API when a Jaeger
 * binary is at hand, else from the in-test OTLP receiver that got the services' real exports.
 */
class TraceAcrossServicesIT {

    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final String READ = "SELECT name FROM e2e_products WHERE sku = $1";

    private static TraceBackend traces;
    private static FrontDoorSuite suite;

    @BeforeAll
    static void startSuite() {
        traces = TraceBackend.start();
        try {
            suite = FrontDoorSuite.start(traces);
        } catch (RuntimeException e) {
            traces.close();
            throw e;
        }
        suite.postgres().execute("CREATE TABLE e2e_products (sku text PRIMARY KEY, name text NOT NULL)");
    }

    @AfterAll
    static void stopSuite() {
        if (suite != null) {
            suite.close();
        }
        if (traces != null) {
            traces.close();
        }
    }

    @Test
    void shouldRecordACachedReadThroughTheFrontDoorAsOneTraceAcrossTheThreeServices() {
        TracedRead read = readUntilCached(product("sku-trace"));

        List<RecordedSpan> trace = awaitTrace(read.traceId());
        assertThat(trace).as("spans of trace %s in %s", read.traceId(), traces.describe())
                .allMatch(span -> span.traceId().equals(read.traceId()))
                .extracting(RecordedSpan::service).contains("load-balancer", "query-router", "cache-service");

        RecordedSpan proxy = only(trace, span -> span.service().equals("load-balancer") && span.kind() == Kind.SERVER);
        assertThat(proxy.parentSpanId()).as("the client's span is the proxy span's parent").contains(read.clientSpanId());
        assertThat(proxy.attributes())
                .containsEntry("lb.route", "query")
                .containsEntry("lb.pool", "query-router")
                .containsEntry("lb.strategy", FrontDoorSuite.STRATEGY)
                .containsEntry("lb.selection.reason", "strategy");
        assertThat(proxy.attribute("lb.backend")).contains(":" + suite.routerPort());

        RecordedSpan routerServer = only(trace,
                span -> span.service().equals("query-router") && span.kind() == Kind.SERVER);
        assertThat(parentOf(routerServer, trace))
                .as("query-router's server span hangs off the proxy span, directly or through its client span")
                .hasValueSatisfying(parent -> assertThat(parent.equals(proxy)
                        || parent.kind() == Kind.CLIENT && parent.service().equals("load-balancer")
                                && parent.isChildOf(proxy))
                        .isTrue());

        RecordedSpan routing = only(trace, span -> span.name().equals("query-router query"));
        assertThat(ancestors(routing, trace)).contains(routerServer);
        assertThat(routing.attributes())
                .containsEntry("router.route", "cache")
                .containsEntry("router.reason", "cached result")
                .containsEntry("router.consistency", "eventual");

        RecordedSpan cacheServer = only(trace,
                span -> span.service().equals("cache-service") && span.kind() == Kind.SERVER);
        RecordedSpan lookup = parentOf(cacheServer, trace).orElseThrow(() -> new AssertionError(
                "cache-service's server span has no parent in the trace: " + trace));
        assertThat(lookup.service()).isEqualTo("query-router");
        assertThat(lookup.kind()).isEqualTo(Kind.CLIENT);
        assertThat(ancestors(lookup, trace)).as("the lookup is made while serving the request").contains(routerServer);
        assertThat(cacheServer.attributes()).containsEntry("cache.hit", "true").containsKey("cache.tier");
        assertThat(cacheServer.attribute("cache.tier")).isIn("L1", "L2");
    }

    @Test
    void shouldShowACachedReadsTraceInJaegersUiWithTheSpanRowsOfTheThreeServices() {
        assumeTrue(traces.uiUrl().isPresent(), "no Jaeger UI to open (none, or a binary built without its UI"
                + " assets): the spans go to " + traces.describe());
        assumeTrue(JaegerTraceView.browserInstalled(), "no chromium and chromium-driver in /usr/bin");
        TracedRead read = readUntilCached(product("sku-ui"));
        List<RecordedSpan> trace = awaitTrace(read.traceId());

        try (JaegerTraceView view = JaegerTraceView.start(Path.of("target"))) {
            List<String> rows = view.openTrace(traces.uiUrl().get(), read.traceId(), BOUND, "load-balancer",
                    "query-router", "cache-service");
            // one row a span; the proxy span is the root Jaeger knows of (the test's client span is not exported)
            assertThat(rows).as("span rows of %s", trace).hasSize(trace.size()).first().isEqualTo("load-balancer");
            // the README shows this picture (docs/images/jaeger-trace.png is a copy)
            assertThat(view.screenshot(Path.of("target", "jaeger-trace.png"))).isGreaterThan(10_000);
        }
    }

    @Test
    void shouldKeepSqlParameterValuesResultsAndKeysOutOfEverySpan() {
        Product product = product("sku-secret");
        TracedRead read = readUntilCached(product);

        List<String> secrets = List.of(product.sku(), product.name(), FrontDoorSuite.READER_KEY,
                FrontDoorSuite.CACHE_KEY, FrontDoorSuite.SHOP_KEY, "perfsuite:perfsuite@");
        List<RecordedSpan> spans = new ArrayList<>();
        awaitTrace(read.traceId());
        // the misses ran the SQL on PostgreSQL and stored the result in cache-service: those traces too
        read.allTraceIds().forEach(traceId -> spans.addAll(traces.trace(traceId)));
        assertThat(spans).extracting(RecordedSpan::service).contains("load-balancer", "query-router", "cache-service");
        assertThat(spans).allSatisfy(span -> {
            List<String> values = new ArrayList<>(span.attributes().values());
            values.addAll(span.otherValues());
            values.add(span.name());
            assertThat(values).as("values of %s", span)
                    .noneMatch(value -> secrets.stream().anyMatch(value::contains));
        });
    }

    @Test
    void shouldServeTheDemoShopThroughTheFrontDoorFromTheCacheUntilAnOrder() {
        String[] cachedTrace = new String[1];
        await().atMost(BOUND).pollInterval(Duration.ofMillis(200)).until(() -> {
            String traceId = randomHex(16);
            Response product = given().baseUri(suite.frontDoor())
                    .header("traceparent", "00-" + traceId + "-" + randomHex(8) + "-01").get("/shop/products/7");
            assertThat(product.statusCode()).as(product.asString()).isEqualTo(200);
            assertThat(product.jsonPath().getString("rows[0][1]")).isEqualTo("product 7");
            cachedTrace[0] = traceId;
            return product.jsonPath().getBoolean("cached");
        });
        // the shop makes no spans: it passes traceparent on, so query-router's server span is the proxy span's child
        List<RecordedSpan> trace = awaitTrace(cachedTrace[0], "cache-service");
        RecordedSpan proxy = only(trace, span -> span.service().equals("load-balancer") && span.kind() == Kind.SERVER);
        assertThat(proxy.attributes()).containsEntry("lb.route", "shop").containsEntry("lb.pool", "demo-shop");
        RecordedSpan routerServer = only(trace,
                span -> span.service().equals("query-router") && span.kind() == Kind.SERVER);
        assertThat(routerServer.isChildOf(proxy)).as("%s under %s", routerServer, proxy).isTrue();

        int stock = given().baseUri(suite.frontDoor()).get("/shop/products/7").jsonPath().getInt("rows[0][3]");
        given().baseUri(suite.frontDoor()).post("/shop/orders?product=7").then().statusCode(200);

        Response after = given().baseUri(suite.frontDoor()).get("/shop/products/7");
        assertThat(after.jsonPath().getBoolean("cached")).as("the order invalidated the cached read").isFalse();
        // the shop reads at eventual consistency: a replica shows the order once it has replayed it
        await().atMost(BOUND).untilAsserted(() -> assertThat(given().baseUri(suite.frontDoor())
                .get("/shop/products/7").jsonPath().getInt("rows[0][3]")).isEqualTo(stock - 1));
    }

    private record Product(String sku, String name) {
    }

    /** What one read left: the trace of the answer from the cache and of every read before it. */
    private record TracedRead(String traceId, String clientSpanId, List<String> allTraceIds) {
    }

    private static Product product(String prefix) {
        Product product = new Product(prefix + "-" + UUID.randomUUID(), "name-" + UUID.randomUUID());
        suite.postgres().execute("INSERT INTO e2e_products VALUES ('" + product.sku() + "', '" + product.name() + "')");
        suite.postgres().awaitReplicaCaughtUp(BOUND);
        return product;
    }

    /**
     * Reads the product through the front door, each time as a new trace started by this test (the client), until
     * query-router answers from the cache: the first read is a miss that stores the result, asynchronously.
     */
    private static TracedRead readUntilCached(Product product) {
        List<String> traceIds = new ArrayList<>();
        String[] cached = new String[2];
        await().atMost(BOUND).pollInterval(Duration.ofMillis(200)).until(() -> {
            String traceId = randomHex(16);
            String clientSpanId = randomHex(8);
            traceIds.add(traceId);
            Response response = given().baseUri(suite.frontDoor())
                    .header("X-API-Key", FrontDoorSuite.READER_KEY)
                    .header("traceparent", "00-" + traceId + "-" + clientSpanId + "-01")
                    .contentType(ContentType.JSON)
                    .body(Map.of("sql", READ, "params", List.of(product.sku()), "cacheTtl", 60,
                            "consistency", "eventual"))
                    .post("/v1/query");
            assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
            assertThat(response.jsonPath().getString("rows[0][0]")).isEqualTo(product.name());
            if (response.jsonPath().getBoolean("cached")) {
                cached[0] = traceId;
                cached[1] = clientSpanId;
                return true;
            }
            return false;
        });
        return new TracedRead(cached[0], cached[1], List.copyOf(traceIds));
    }

    /** Waits until the trace holds the server spans of all three services (each exports in its own batches). */
    private static List<RecordedSpan> awaitTrace(String traceId) {
        return awaitTrace(traceId, "load-balancer", "query-router", "cache-service");
    }

    private static List<RecordedSpan> awaitTrace(String traceId, String... services) {
        List<String> servers = new ArrayList<>(List.of(services));
        servers.add("load-balancer");
        servers.add("query-router");
        return await("the server spans of trace " + traceId + " in " + traces.describe()).atMost(BOUND)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> traces.trace(traceId), spans -> servers.stream().allMatch(service -> spans.stream()
                        .anyMatch(span -> span.service().equals(service) && span.kind() == Kind.SERVER))
                        && spans.stream().anyMatch(span -> span.name().equals("query-router query")));
    }

    private static RecordedSpan only(List<RecordedSpan> trace, Predicate<RecordedSpan> which) {
        List<RecordedSpan> matching = trace.stream().filter(which).toList();
        assertThat(matching).as("in trace %s", trace).hasSize(1);
        return matching.get(0);
    }

    private static Optional<RecordedSpan> parentOf(RecordedSpan span, List<RecordedSpan> trace) {
        return span.parentSpanId().flatMap(parent -> trace.stream().filter(s -> s.spanId().equals(parent)).findFirst());
    }

    private static List<RecordedSpan> ancestors(RecordedSpan span, List<RecordedSpan> trace) {
        List<RecordedSpan> ancestors = new ArrayList<>();
        for (Optional<RecordedSpan> parent = parentOf(span, trace); parent.isPresent()
                && ancestors.size() < trace.size(); parent = parentOf(parent.get(), trace)) {
            ancestors.add(parent.get());
        }
        return ancestors;
    }

    /** A W3C trace or span id; the first digit is never 0, so no backend shortens it. */
    private static String randomHex(int bytes) {
        byte[] id = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(id);
        id[0] = (byte) (id[0] | 0x10);
        return HexFormat.of().formatHex(id);
    }
}
