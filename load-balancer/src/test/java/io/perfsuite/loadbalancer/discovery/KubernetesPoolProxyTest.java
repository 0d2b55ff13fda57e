package io.perfsuite.loadbalancer.discovery;

import static io.perfsuite.loadbalancer.discovery.Slices.endpoint;
import static io.perfsuite.loadbalancer.discovery.Slices.slice;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.perfsuite.loadbalancer.proxy.ProxyServer;
import io.perfsuite.loadbalancer.testing.ProxyBackendsResource;
import io.perfsuite.loadbalancer.testing.RoutingFixture;
import io.perfsuite.loadbalancer.testing.TestBackends;
import io.perfsuite.testsupport.TestServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.RestAssured;

/**
 * A {@code kubernetes:} pool in the running proxy: a reload adds it, its EndpointSlices on fabric8's mock API server
 * (CRUD mode) point at a real echo backend, and the admin API and the proxy port follow the slices.
 */
@QuarkusTest
@WithTestResource(ProxyBackendsResource.class)
@WithKubernetesTestServer(crud = true)
class KubernetesPoolProxyTest {

    private static final String ADMIN = "test-admin-key-0123456789";
    private static final Duration BOUND = Duration.ofSeconds(15);

    private final String management = ProxyBackendsResource.managementUrl();

    @KubernetesTestServer
    KubernetesServer server;

    @Inject
    ProxyServer proxy;

    @TestServer
    RoutingFixture routing;

    @TestServer
    TestBackends backends;

    @BeforeEach
    void aimAtTheProxy() {
        RestAssured.port = proxy.port();
    }

    @AfterEach
    void restore() {
        routing.writeDefault();
        given().baseUri(management).header("X-API-Key", ADMIN).post("/admin/reload").then().statusCode(200);
        client().discovery().v1().endpointSlices().inNamespace("shop").delete();
    }

    private KubernetesClient client() {
        return server.getClient();
    }

    private EndpointSlice webSlice(boolean ready) {
        return slice("web-a", "web", "IPv4", List.of(endpoint("127.0.0.1", ready)), "http",
                backends.get("echo-1").port());
    }

    private List<String> backendIds() {
        return given().baseUri(management).header("X-API-Key", ADMIN).get("/admin/pools/k8s").then().statusCode(200)
                .extract().jsonPath().getList("backends.id", String.class);
    }

    @Test
    void shouldServeAKubernetesPoolFromItsReadyEndpointsAndFollowReadiness() {
        client().discovery().v1().endpointSlices().inNamespace("shop").resource(webSlice(true)).create();
        routing.write(routing.defaultYaml()
                .replaceFirst("pools:\n", """
                        pools:
                          - name: k8s
                            kubernetes: {namespace: shop, service: web, port: http}
                            health-check: {enabled: false}
                        """)
                .replaceFirst("routes:\n", """
                        routes:
                          - name: k8s
                            match: {path-prefix: /k8s}
                            pool: k8s
                        """));
        given().baseUri(management).header("X-API-Key", ADMIN).post("/admin/reload").then().statusCode(200);

        String id = "127.0.0.1:" + backends.get("echo-1").port();
        await().atMost(BOUND).untilAsserted(() -> assertThat(backendIds()).containsExactly(id));
        assertThat(given().get("/k8s/hello").then().statusCode(200).extract().header("X-Server")).isEqualTo("echo-1");

        client().discovery().v1().endpointSlices().inNamespace("shop").resource(webSlice(false)).update();

        await().atMost(BOUND).untilAsserted(() -> assertThat(backendIds()).isEmpty());
        given().get("/k8s/hello").then().statusCode(503);
    }
}
