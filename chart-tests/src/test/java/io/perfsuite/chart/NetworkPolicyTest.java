package io.perfsuite.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;

/**
 * Only the traffic the suite needs, on the ports the services really listen on: the ports come from each service's
 * own generated manifest, so a service that moves a port breaks this test rather than the cluster.
 */
class NetworkPolicyTest {

    final Manifests rendered = HelmChart.withDefaults().render();

    @Test
    void shouldPolicyEveryServiceInBothDirections() {
        for (String service : Manifests.SERVICES) {
            NetworkPolicy policy = policy(rendered, service);
            assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
            assertThat(policy.getSpec().getPodSelector().getMatchLabels())
                    .isEqualTo(rendered.deployment(service).getSpec().getSelector().getMatchLabels());
        }
    }

    @Test
    void shouldAcceptEachServiceOnlyOnThePortsItListensOn() {
        for (String service : Manifests.SERVICES) {
            Set<Integer> listening = Set.copyOf(
                    Manifests.ports(Manifests.read(Repository.generatedManifest(service)).container(service)).values());
            assertThat(ingressPorts(policy(rendered, service))).as(service).isNotEmpty().isSubsetOf(listening);
        }
    }

    @Test
    void shouldLetPrometheusScrapeTheMetricsPortFromItsNamespace() {
        for (String service : Manifests.SERVICES) {
            var container = Manifests.read(Repository.generatedManifest(service)).container(service);
            int metricsPort = Manifests.probePort(container, container.getReadinessProbe());
            assertThat(policy(rendered, service).getSpec().getIngress()).as(service).anySatisfy(rule -> {
                assertThat(ports(rule.getPorts())).containsExactly(metricsPort);
                assertThat(rule.getFrom()).extracting(p -> p.getNamespaceSelector().getMatchLabels())
                        .containsExactly(Map.of("kubernetes.io/metadata.name", "monitoring"));
            });
        }
    }

    @Test
    void shouldAdmitCacheServiceCallersOnlyFromTheSuite() {
        NetworkPolicyIngressRule callers = ingressOn(policy(rendered, "cache-service"), 8081).stream()
                .filter(r -> r.getFrom().stream().allMatch(p -> p.getPodSelector() != null)).findFirst().orElseThrow();

        assertThat(callers.getFrom()).extracting(p -> p.getPodSelector().getMatchLabels().get("app.kubernetes.io/name"))
                .containsExactlyInAnyOrder("load-balancer", "query-router");
        assertThat(ingressOn(policy(rendered, "query-router"), 8082)).flatExtracting(NetworkPolicyIngressRule::getFrom)
                .filteredOn(p -> p.getPodSelector() != null)
                .extracting(p -> p.getPodSelector().getMatchLabels().get("app.kubernetes.io/name"))
                .containsExactly("load-balancer");
    }

    @Test
    void shouldOpenTheFrontDoorToEveryoneUnlessNarrowed() {
        assertThat(ingressOn(policy(rendered, "load-balancer"), 8080)).singleElement()
                .satisfies(rule -> assertThat(rule.getFrom()).isNullOrEmpty());

        Manifests narrowed = HelmChart.withDefaults().values("""
                loadBalancer:
                  ingressFrom:
                    - namespaceSelector:
                        matchLabels:
                          kubernetes.io/metadata.name: ingress-nginx
                """).render();
        assertThat(ingressOn(policy(narrowed, "load-balancer"), 8080)).singleElement()
                .satisfies(rule -> assertThat(rule.getFrom()).hasSize(1));
    }

    @Test
    void shouldLetEachServiceReachOnlyDnsAndItsDependencies() {
        assertThat(egressPorts(policy(rendered, "load-balancer"))).containsExactly(53, 443, 6443, 8081, 8082);
        assertThat(egressPorts(policy(rendered, "cache-service"))).containsExactly(53, 6379);
        assertThat(egressPorts(policy(rendered, "query-router"))).containsExactly(53, 5432);
        assertThat(egressPorts(policy(rendered, "autoscaler"))).containsExactly(53, 443, 6443, 9090);
        assertThat(egressPorts(policy(rendered, "resource-monitor"))).containsExactly(53, 6379, 9090);
    }

    @Test
    void shouldReachSuitePeersOnThePortsTheyListenOn() {
        int cachePort = generatedHttpPort("cache-service");
        int routerPort = generatedHttpPort("query-router");

        assertThat(egressTo(policy(rendered, "load-balancer"), "cache-service")).containsExactly(cachePort);
        assertThat(egressTo(policy(rendered, "load-balancer"), "query-router")).containsExactly(routerPort);
    }

    @Test
    void shouldReachCacheServiceFromQueryRouterOnlyWithTheResultCacheOn() {
        Manifests cached = HelmChart.withDefaults().values("""
                queryRouter:
                  resultCache:
                    enabled: true
                    apiKeySecretRef: {name: router-cache-key, key: key}
                """).render();

        assertThat(egressTo(policy(rendered, "query-router"), "cache-service")).isEmpty();
        assertThat(egressTo(policy(cached, "query-router"), "cache-service"))
                .containsExactly(generatedHttpPort("cache-service"));
    }

    @Test
    void shouldFollowPortsAndAddressesSetInValues() {
        Manifests moved = HelmChart.withDefaults().values("""
                cacheService:
                  port: 9191
                redis:
                  hosts: [redis://redis-0.redis:7000, redis://redis-1.redis:7001]
                  mode: cluster
                prometheus:
                  url: https://prometheus.example.com
                """).render();

        assertThat(egressTo(policy(moved, "load-balancer"), "cache-service")).containsExactly(9191);
        assertThat(ingressPorts(policy(moved, "cache-service"))).containsExactly(9191);
        assertThat(Manifests.ports(moved.container("cache-service"))).containsEntry("http", 9191);
        assertThat(egressPorts(policy(moved, "cache-service"))).containsExactly(53, 7000, 7001);
        assertThat(egressPorts(policy(moved, "resource-monitor"))).containsExactly(53, 443, 7000, 7001);
    }

    @Test
    void shouldSendSpansOnlyToTheChartsJaegerWhenItIsTheCollector() {
        Manifests traced = HelmChart.withDefaults().set("jaeger.enabled", true).render();

        for (String service : Manifests.SERVICES) {
            assertThat(egressTo(policy(traced, service), "jaeger")).as(service).containsExactly(4317);
        }
        NetworkPolicy jaeger = traced.one(NetworkPolicy.class, "perfsuite-jaeger");
        assertThat(ingressOn(jaeger, 4317)).flatExtracting(NetworkPolicyIngressRule::getFrom)
                .extracting(p -> p.getPodSelector().getMatchLabels().get("app.kubernetes.io/name"))
                .containsExactlyInAnyOrderElementsOf(Manifests.SERVICES);
        assertThat(jaeger.getSpec().getEgress()).isEmpty();
    }

    @Test
    void shouldRenderNoPolicyWhenTurnedOff() {
        assertThat(HelmChart.withDefaults().set("networkPolicy.enabled", false).render().all(NetworkPolicy.class)).isEmpty();
    }

    static NetworkPolicy policy(Manifests manifests, String service) {
        return manifests.one(NetworkPolicy.class, HelmChart.RELEASE + "-" + service);
    }

    private static int generatedHttpPort(String service) {
        return Manifests.ports(Manifests.read(Repository.generatedManifest(service)).container(service)).get("http");
    }

    private static Set<Integer> ingressPorts(NetworkPolicy policy) {
        Set<Integer> ports = new TreeSet<>();
        policy.getSpec().getIngress().forEach(r -> ports.addAll(ports(r.getPorts())));
        return ports;
    }

    private static Set<Integer> egressPorts(NetworkPolicy policy) {
        Set<Integer> ports = new TreeSet<>();
        policy.getSpec().getEgress().forEach(r -> ports.addAll(ports(r.getPorts())));
        return ports;
    }

    private static List<NetworkPolicyIngressRule> ingressOn(NetworkPolicy policy, int port) {
        return policy.getSpec().getIngress().stream().filter(r -> ports(r.getPorts()).contains(port)).toList();
    }

    /** Ports of the egress rules whose peers select the given service's pods. */
    private static Set<Integer> egressTo(NetworkPolicy policy, String service) {
        Set<Integer> ports = new TreeSet<>();
        for (NetworkPolicyEgressRule rule : policy.getSpec().getEgress()) {
            List<NetworkPolicyPeer> to = rule.getTo() == null ? List.of() : rule.getTo();
            if (to.stream().anyMatch(p -> p.getPodSelector() != null
                    && service.equals(p.getPodSelector().getMatchLabels().get("app.kubernetes.io/name")))) {
                ports.addAll(ports(rule.getPorts()));
            }
        }
        return ports;
    }

    private static Set<Integer> ports(List<NetworkPolicyPort> ports) {
        Set<Integer> numbers = new TreeSet<>();
        ports.forEach(p -> numbers.add(p.getPort().getIntVal()));
        return numbers;
    }
}
