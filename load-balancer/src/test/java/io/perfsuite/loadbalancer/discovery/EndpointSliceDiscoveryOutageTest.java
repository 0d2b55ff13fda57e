package io.perfsuite.loadbalancer.discovery;

import static io.perfsuite.loadbalancer.discovery.Slices.endpoint;
import static io.perfsuite.loadbalancer.discovery.Slices.slice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.perfsuite.loadbalancer.endpoint.EndpointSpec;
import io.perfsuite.testsupport.FreePort;

/**
 * The API server going away: the pool keeps the endpoints it had, with no empty publication in between. (Catching up
 * afterwards is the fabric8 informer's re-list on 410 Gone; the mock server does not answer a stale watch with 410,
 * so that half is not tested here.)
 */
class EndpointSliceDiscoveryOutageTest {

    private final List<List<EndpointSpec>> published = new CopyOnWriteArrayList<>();
    private KubernetesMockServer server;
    private KubernetesClient client;
    private EndpointSliceDiscovery discovery;

    @AfterEach
    void stop() {
        if (discovery != null) {
            discovery.close();
        }
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.destroy();
        }
    }

    private static KubernetesMockServer startServer(int port) {
        KubernetesMockServer started = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        started.init(InetAddress.getLoopbackAddress(), port);
        return started;
    }

    private static void create(KubernetesClient client, EndpointSlice slice) {
        client.discovery().v1().endpointSlices().inNamespace("shop").resource(slice).create();
    }

    private List<String> lastIds() {
        return published.isEmpty() ? null : published.get(published.size() - 1).stream().map(EndpointSpec::id).toList();
    }

    @Test
    void shouldKeepTheLastEndpointsWhileTheApiServerIsDown() {
        int port = FreePort.find();
        server = startServer(port);
        client = server.createClient();
        create(client, slice("web-a", "web", List.of(endpoint("10.1.0.1", true))));
        discovery = new EndpointSliceDiscovery(client, new ServiceTarget("shop", "web", "http"), published::add);
        discovery.start();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(
                () -> assertThat(lastIds()).containsExactly("10.1.0.1:8080"));

        server.destroy();
        // for long enough that the watch fails and the informer retries a few times, nothing more is published
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> published.size() == 1);
        assertThat(lastIds()).containsExactly("10.1.0.1:8080");
    }
}
