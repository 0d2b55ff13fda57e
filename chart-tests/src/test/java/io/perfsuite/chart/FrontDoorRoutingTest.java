package io.perfsuite.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;

/** The load-balancer is the suite's front door: its routing file sends each API to the service that owns it. */
class FrontDoorRoutingTest {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void shouldRouteTheQueryApisToQueryRouterAndTheCacheApiToCacheService() throws IOException {
        Manifests rendered = HelmChart.withDefaults().render();

        JsonNode routing = routing(rendered);
        Map<String, String> poolOfPrefix = new HashMap<>();
        routing.path("routes").forEach(r -> poolOfPrefix.put(r.path("match").path("path-prefix").asText(),
                r.path("pool").asText()));
        assertThat(poolOfPrefix).containsExactlyInAnyOrderEntriesOf(Map.of("/v1/query", "query-router",
                "/v1/transaction", "query-router", "/v1/classify", "query-router", "/v1/cache/", "cache-service"));
        Map<String, String> serviceOfPool = new HashMap<>();
        routing.path("pools").forEach(p -> serviceOfPool.put(p.path("name").asText(),
                p.path("kubernetes").path("namespace").asText() + "/" + p.path("kubernetes").path("service").asText()
                        + ":" + p.path("kubernetes").path("port").asText()));
        assertThat(serviceOfPool).containsExactlyInAnyOrderEntriesOf(Map.of("query-router",
                "perfsuite/perfsuite-query-router:http", "cache-service", "perfsuite/perfsuite-cache-service:http"));
        assertThat(Manifests.env(rendered.container("load-balancer")).get("LB_CONFIG_FILE").getValue())
                .isEqualTo("/deployments/config/routing.yaml");
    }

    @Test
    void shouldListAndWatchOnlyEndpointSlicesInItsNamespaceToFindThePods() {
        Manifests rendered = HelmChart.withDefaults().render();

        Role discovery = rendered.one(Role.class, "perfsuite-load-balancer-discovery");
        assertThat(discovery.getMetadata().getNamespace()).isNull(); // the release namespace
        assertThat(discovery.getRules()).containsExactly(new PolicyRuleBuilder().withApiGroups("discovery.k8s.io")
                .withResources("endpointslices").withVerbs("list", "watch").build());
        assertThat(rendered.one(RoleBinding.class, "perfsuite-load-balancer-discovery").getSubjects())
                .extracting(s -> s.getName()).containsExactly("perfsuite-load-balancer");
    }

    @Test
    void shouldBalanceOverClusterIpsWithoutDiscovery() throws IOException {
        Manifests rendered = HelmChart.withDefaults().set("loadBalancer.discovery.enabled", false).render();

        assertThat(routing(rendered).path("pools")).extracting(p -> p.path("backends").get(0).asText())
                .containsExactlyInAnyOrder("http://perfsuite-query-router:8082", "http://perfsuite-cache-service:8081");
        assertThat(rendered.all(Role.class)).noneMatch(r -> r.getMetadata().getName().contains("load-balancer"));
        assertThat(rendered.deployment("load-balancer").getSpec().getTemplate().getSpec()
                .getAutomountServiceAccountToken()).isFalse();
    }

    @Test
    void shouldTakeTheRoutingFileFromValues() throws IOException {
        Manifests rendered = HelmChart.withDefaults().values("""
                loadBalancer:
                  routing:
                    pools:
                      - name: shop
                        backends: [http://shop.shop.svc:8080]
                """).render();

        assertThat(routing(rendered).path("pools").get(0).path("name").asText()).isEqualTo("shop");
        assertThat(routing(rendered).has("routes")).isFalse();
    }

    @Test
    void shouldRunOnePoolWithoutARoutingFileWhenGivenBackends() {
        Manifests rendered = HelmChart.withDefaults().values("""
                loadBalancer:
                  backends: [http://app-a.shop.svc:8080, http://app-b.shop.svc:8080]
                """).render();

        assertThat(rendered.one(ConfigMap.class, "perfsuite-load-balancer").getData()).doesNotContainKey("routing.yaml");
        assertThat(Manifests.env(rendered.container("load-balancer"))).doesNotContainKey("LB_CONFIG_FILE");
        assertThat(Manifests.env(rendered.container("load-balancer")).get("LB_BACKENDS").getValue())
                .isEqualTo("http://app-a.shop.svc:8080,http://app-b.shop.svc:8080");
    }

    private static JsonNode routing(Manifests rendered) throws IOException {
        return YAML.readTree(rendered.one(ConfigMap.class, "perfsuite-load-balancer").getData().get("routing.yaml"));
    }
}
