package io.perfsuite.loadbalancer.discovery;

import static io.perfsuite.loadbalancer.discovery.Slices.endpoint;
import static io.perfsuite.loadbalancer.discovery.Slices.slice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.perfsuite.loadbalancer.endpoint.Endpoint;
import io.perfsuite.loadbalancer.endpoint.EndpointSpec;
import io.perfsuite.loadbalancer.endpoint.Pool;
import io.perfsuite.loadbalancer.endpoint.PoolPolicy;
import io.perfsuite.loadbalancer.strategy.StrategyFactory;
import io.perfsuite.testsupport.MutableClock;

/** The watcher against fabric8's mock API server in CRUD mode: slices created, changed and deleted as in a cluster. */
@EnableKubernetesMockClient(crud = true)
class EndpointSliceDiscoveryTest {

    private static final Duration BOUND = Duration.ofSeconds(10);

    static KubernetesClient client;

    private final List<List<EndpointSpec>> published = new CopyOnWriteArrayList<>();
    private EndpointSliceDiscovery discovery;

    @BeforeEach
    void cleanNamespace() {
        client.discovery().v1().endpointSlices().inNamespace("shop").delete();
    }

    @AfterEach
    void stop() {
        if (discovery != null) {
            discovery.close();
        }
    }

    private void create(EndpointSlice slice) {
        client.discovery().v1().endpointSlices().inNamespace("shop").resource(slice).create();
    }

    private void update(EndpointSlice slice) {
        client.discovery().v1().endpointSlices().inNamespace("shop").resource(slice).update();
    }

    private void watch(String service) {
        discovery = new EndpointSliceDiscovery(client, new ServiceTarget("shop", service, "http"), published::add);
        discovery.start();
    }

    private List<String> lastIds() {
        return published.isEmpty() ? null : published.get(published.size() - 1).stream().map(EndpointSpec::id).toList();
    }

    @Test
    void shouldPublishTheReadyEndpointsOfTheServiceOnly() {
        create(slice("web-a", "web", List.of(endpoint("10.1.0.1", true), endpoint("10.1.0.2", false))));
        create(slice("api-a", "api", List.of(endpoint("10.2.0.1", true))));

        watch("web");

        await().atMost(BOUND).untilAsserted(() -> assertThat(lastIds()).containsExactly("10.1.0.1:8080"));
        assertThat(discovery.synced()).isTrue();
    }

    @Test
    void shouldAddEndpointsWhenSliceChanges() {
        create(slice("web-a", "web", List.of(endpoint("10.1.0.1", true))));
        watch("web");
        await().atMost(BOUND).untilAsserted(() -> assertThat(lastIds()).containsExactly("10.1.0.1:8080"));

        update(slice("web-a", "web", List.of(endpoint("10.1.0.1", true), endpoint("10.1.0.2", true))));
        create(slice("web-b", "web", List.of(endpoint("10.1.0.3", null))));

        await().atMost(BOUND).untilAsserted(
                () -> assertThat(lastIds()).containsExactly("10.1.0.1:8080", "10.1.0.2:8080", "10.1.0.3:8080"));
    }

    @Test
    void shouldDropEndpointWhenItBecomesNotReady() {
        create(slice("web-a", "web", List.of(endpoint("10.1.0.1", true), endpoint("10.1.0.2", true))));
        watch("web");
        await().atMost(BOUND).untilAsserted(() -> assertThat(lastIds()).hasSize(2));

        update(slice("web-a", "web", List.of(endpoint("10.1.0.1", true), endpoint("10.1.0.2", false))));

        await().atMost(BOUND).untilAsserted(() -> assertThat(lastIds()).containsExactly("10.1.0.1:8080"));
    }

    @Test
    void shouldPublishNoEndpointsWhenTheSlicesAreDeletedOrNeverExisted() {
        watch("web");
        await().atMost(BOUND).untilAsserted(() -> assertThat(lastIds()).isEmpty());

        create(slice("web-a", "web", List.of(endpoint("10.1.0.1", true))));
        await().atMost(BOUND).untilAsserted(() -> assertThat(lastIds()).containsExactly("10.1.0.1:8080"));
        client.discovery().v1().endpointSlices().inNamespace("shop").withName("web-a").delete();

        await().atMost(BOUND).untilAsserted(() -> assertThat(lastIds()).isEmpty());
    }

    @Test
    void shouldNotRepublishWhenAChangeLeavesTheReadySetAlone() {
        create(slice("web-a", "web", List.of(endpoint("10.1.0.1", true))));
        watch("web");
        await().atMost(BOUND).untilAsserted(() -> assertThat(lastIds()).containsExactly("10.1.0.1:8080"));
        int before = published.size();

        // a not-ready newcomer changes the slice but not what the pool should hold; a later real change proves the
        // watch was still delivering
        update(slice("web-a", "web", List.of(endpoint("10.1.0.1", true), endpoint("10.1.0.9", false))));
        create(slice("web-b", "web", List.of(endpoint("10.1.0.2", true))));

        await().atMost(BOUND).untilAsserted(() -> assertThat(lastIds()).hasSize(2));
        assertThat(published).hasSize(before + 1);
    }

    @Test
    void shouldKeepTheStateOfSurvivingEndpointsInThePoolItFeeds() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        Pool pool = new Pool("web", new StrategyFactory(new Random(1)).create("round-robin"), PoolPolicy.DEFAULT,
                clock, List.of());
        create(slice("web-a", "web", List.of(endpoint("10.1.0.1", true))));
        discovery = new EndpointSliceDiscovery(client, new ServiceTarget("shop", "web", "http"),
                pool::replaceEndpoints);
        discovery.start();
        await().atMost(BOUND).untilAsserted(() -> assertThat(pool.endpoints()).hasSize(1));
        Endpoint first = pool.endpoints().get(0);

        update(slice("web-a", "web", List.of(endpoint("10.1.0.1", true), endpoint("10.1.0.2", true))));

        await().atMost(BOUND).untilAsserted(() -> assertThat(pool.endpoints()).hasSize(2));
        assertThat(pool.endpoint("10.1.0.1:8080")).containsSame(first);
    }
}
