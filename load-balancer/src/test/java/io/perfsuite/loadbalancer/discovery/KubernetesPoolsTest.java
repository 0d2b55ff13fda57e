package io.perfsuite.loadbalancer.discovery;

import static io.perfsuite.loadbalancer.discovery.Slices.endpoint;
import static io.perfsuite.loadbalancer.discovery.Slices.slice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.perfsuite.loadbalancer.config.ProxyConfigFile;
import io.perfsuite.loadbalancer.endpoint.Endpoint;
import io.perfsuite.loadbalancer.endpoint.Lease;
import io.perfsuite.loadbalancer.endpoint.Pool;
import io.perfsuite.loadbalancer.route.TopologyStore;
import io.perfsuite.testsupport.MutableClock;

/**
 * The wiring from routing file to pool: {@code kubernetes:} pools fed by their Service's EndpointSlices, against
 * fabric8's mock API server in CRUD mode, with the topology store the proxy uses and reloads applied to it.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesPoolsTest {

    private static final Duration BOUND = Duration.ofSeconds(10);

    static KubernetesClient client;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private TopologyStore store;
    private KubernetesPools pools;

    @BeforeEach
    void cleanNamespace() {
        client.discovery().v1().endpointSlices().inNamespace("shop").delete();
    }

    @AfterEach
    void stop() {
        if (pools != null) {
            pools.close();
        }
    }

    private static String file(String webPool) {
        return """
                pools:
                %s
                  - name: static
                    backends: [http://10.9.0.1:8080]
                routes:
                  - name: default
                    pool: static
                """.formatted(webPool);
    }

    private static final String WEB = """
              - name: web
                kubernetes: {namespace: shop, service: web, port: http}
                slow-start: {window: 30s}
            """;

    private void start(String text) throws Exception {
        store = new TopologyStore(ProxyConfigFile.parse("routing.yaml", text, List.of()), clock, new Random(1));
        pools = new KubernetesPools(() -> client);
        store.onChange(pools::apply);
        pools.apply(store.current());
    }

    private void reload(String text) throws Exception {
        store.apply(ProxyConfigFile.parse("routing.yaml", text, List.of(URI.create("http://10.9.9.9:8080"))));
    }

    private Pool pool(String name) {
        return store.current().pool(name).pool();
    }

    private List<String> ids(String name) {
        return pool(name).endpoints().stream().map(Endpoint::id).toList();
    }

    private void create(EndpointSlice slice) {
        client.discovery().v1().endpointSlices().inNamespace("shop").resource(slice).create();
    }

    private void update(EndpointSlice slice) {
        client.discovery().v1().endpointSlices().inNamespace("shop").resource(slice).update();
    }

    @Test
    void shouldFillAKubernetesPoolWithTheReadyEndpointsOfItsServiceOnTheNamedPort() throws Exception {
        create(slice("web-a", "web", List.of(endpoint("10.1.0.1", true), endpoint("10.1.0.2", false))));
        create(slice("api-a", "api", List.of(endpoint("10.2.0.1", true))));

        start(file(WEB));

        await().atMost(BOUND).untilAsserted(() -> assertThat(ids("web")).containsExactly("10.1.0.1:8080"));
        assertThat(pool("web").endpoints().get(0).uri()).isEqualTo(URI.create("http://10.1.0.1:8080"));
        assertThat(ids("static")).containsExactly("10.9.0.1:8080");
        assertThat(pools.watched()).containsOnlyKeys("web");
    }

    @Test
    void shouldDialTlsEndpointsByTheSlicesAppProtocolAndRewatchWhenAReloadSetsTheScheme() throws Exception {
        create(slice("web-a", "web", List.of(endpoint("10.1.0.1", true)), Slices.port("https", 8443, "https")));
        String tls = """
                  - name: web
                    kubernetes: {namespace: shop, service: web, port: https}
                """;
        start(file(tls));
        await().atMost(BOUND).untilAsserted(() -> assertThat(pool("web").endpoints()).extracting(Endpoint::uri)
                .containsExactly(URI.create("https://10.1.0.1:8443")));

        reload(file(tls.replace("port: https}", "port: https, scheme: http}")));

        await().atMost(BOUND).untilAsserted(() -> assertThat(pool("web").endpoints()).extracting(Endpoint::uri)
                .containsExactly(URI.create("http://10.1.0.1:8443")));
        assertThat(pools.watched().get("web").scheme()).isEqualTo("http");
    }

    @Test
    void shouldTakeTheNumberedPortWhenThePoolNamesAPortNumber() throws Exception {
        create(slice("web-a", "web", List.of(endpoint("10.1.0.1", true))));

        start(file("""
                  - name: web
                    kubernetes: {namespace: shop, service: web, port: "9090"}
                """));

        await().atMost(BOUND).untilAsserted(() -> assertThat(ids("web")).containsExactly("10.1.0.1:9090"));
    }

    @Test
    void shouldSlowStartNewcomersAndDrainEndpointsThatStopBeingReady() throws Exception {
        create(slice("web-a", "web", List.of(endpoint("10.1.0.1", true))));
        start(file(WEB));
        await().atMost(BOUND).untilAsserted(() -> assertThat(ids("web")).containsExactly("10.1.0.1:8080"));
        Endpoint first = pool("web").endpoints().get(0);
        Lease inFlight = first.begin();
        clock.advance(Duration.ofSeconds(60));

        update(slice("web-a", "web", List.of(endpoint("10.1.0.1", true), endpoint("10.1.0.2", true))));
        await().atMost(BOUND).untilAsserted(() -> assertThat(ids("web")).hasSize(2));
        Endpoint newcomer = pool("web").endpoint("10.1.0.2:8080").orElseThrow();
        assertThat(pool("web").endpoint("10.1.0.1:8080")).containsSame(first);
        assertThat(first.slowStartFactor()).isEqualTo(1.0);
        assertThat(newcomer.slowStartFactor()).isLessThan(1.0);

        update(slice("web-a", "web", List.of(endpoint("10.1.0.1", false), endpoint("10.1.0.2", true))));
        await().atMost(BOUND).untilAsserted(() -> assertThat(ids("web")).containsExactly("10.1.0.2:8080"));
        // out of the pool for new requests, but the request it was serving still ends normally
        assertThat(first.draining()).isTrue();
        assertThat(first.inFlight()).isEqualTo(1);
        inFlight.success(200, 1_000_000);
        assertThat(first.inFlight()).isZero();
    }

    @Test
    void shouldEmptyThePoolWhenTheSlicesAreDeleted() throws Exception {
        create(slice("web-a", "web", List.of(endpoint("10.1.0.1", true))));
        create(slice("web-b", "web", List.of(endpoint("10.1.0.2", true))));
        start(file(WEB));
        await().atMost(BOUND).untilAsserted(() -> assertThat(ids("web")).hasSize(2));

        client.discovery().v1().endpointSlices().inNamespace("shop").withName("web-a").delete();
        await().atMost(BOUND).untilAsserted(() -> assertThat(ids("web")).containsExactly("10.1.0.2:8080"));
        client.discovery().v1().endpointSlices().inNamespace("shop").withName("web-b").delete();

        await().atMost(BOUND).untilAsserted(() -> assertThat(ids("web")).isEmpty());
    }

    @Test
    void shouldKeepTheWatchAndTheEndpointsThroughAReloadThatLeavesThePoolAlone() throws Exception {
        create(slice("web-a", "web", List.of(endpoint("10.1.0.1", true))));
        start(file(WEB));
        await().atMost(BOUND).untilAsserted(() -> assertThat(ids("web")).hasSize(1));
        Endpoint first = pool("web").endpoints().get(0);

        // the static pool changes, the web pool does not: it must not lose what discovery gave it
        reload(file(WEB).replace("10.9.0.1", "10.9.0.2"));

        assertThat(ids("static")).containsExactly("10.9.0.2:8080");
        assertThat(pool("web").endpoint("10.1.0.1:8080")).containsSame(first);
        assertThat(first.draining()).isFalse();
        update(slice("web-a", "web", List.of(endpoint("10.1.0.1", true), endpoint("10.1.0.3", true))));
        await().atMost(BOUND).untilAsserted(() -> assertThat(ids("web")).hasSize(2));
    }

    @Test
    void shouldGiveARebuiltPoolTheDiscoveredEndpointsAtOnce() throws Exception {
        create(slice("web-a", "web", List.of(endpoint("10.1.0.1", true))));
        start(file(WEB));
        await().atMost(BOUND).untilAsserted(() -> assertThat(ids("web")).hasSize(1));
        Pool before = pool("web");

        reload(file(WEB.replace("slow-start: {window: 30s}", "strategy: round-robin")));

        assertThat(pool("web")).isNotSameAs(before);
        assertThat(ids("web")).containsExactly("10.1.0.1:8080");
        update(slice("web-a", "web", List.of(endpoint("10.1.0.4", true))));
        await().atMost(BOUND).untilAsserted(() -> assertThat(ids("web")).containsExactly("10.1.0.4:8080"));
    }

    @Test
    void shouldWatchTheNewServiceWhenAReloadPointsThePoolElsewhere() throws Exception {
        create(slice("web-a", "web", List.of(endpoint("10.1.0.1", true))));
        create(slice("api-a", "api", List.of(endpoint("10.2.0.1", true))));
        start(file(WEB));
        await().atMost(BOUND).untilAsserted(() -> assertThat(ids("web")).containsExactly("10.1.0.1:8080"));

        reload(file(WEB.replace("service: web", "service: api")));

        await().atMost(BOUND).untilAsserted(() -> assertThat(ids("web")).containsExactly("10.2.0.1:8080"));
        assertThat(pools.watched().get("web").service()).isEqualTo("api");
    }

    @Test
    void shouldStopWatchingWhenThePoolIsRemovedOrTurnsStatic() throws Exception {
        create(slice("web-a", "web", List.of(endpoint("10.1.0.1", true))));
        start(file(WEB));
        await().atMost(BOUND).untilAsserted(() -> assertThat(ids("web")).hasSize(1));

        reload(file("""
                  - name: web
                    backends: [http://10.8.0.1:8080]
                    slow-start: {window: 30s}
                """));
        assertThat(pools.watched()).isEmpty();
        assertThat(ids("web")).containsExactly("10.8.0.1:8080");

        // a watch still running would put 10.1.0.2 into the pool; a new watch on api proves events are flowing
        reload(file("""
                  - name: web
                    backends: [http://10.8.0.1:8080]
                    slow-start: {window: 30s}
                  - name: api
                    kubernetes: {namespace: shop, service: api, port: http}
                """));
        update(slice("web-a", "web", List.of(endpoint("10.1.0.2", true))));
        create(slice("api-a", "api", List.of(endpoint("10.2.0.1", true))));
        await().atMost(BOUND).untilAsserted(() -> assertThat(ids("api")).containsExactly("10.2.0.1:8080"));
        assertThat(ids("web")).containsExactly("10.8.0.1:8080");

        reload(file(""));
        assertThat(pools.watched()).isEmpty();
    }
}
