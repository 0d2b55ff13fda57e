package io.perfsuite.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * The chart needs Kubernetes 1.23 (its README says so). Chart.yaml cannot carry that as {@code kubeVersion}: helm-java
 * renders as Kubernetes 1.20 and has no option to say otherwise, so every render here would be refused. What keeps
 * the stated minimum true instead: every object, with every optional component on, uses an API version that a 1.23
 * API server serves.
 */
class MinimumKubernetesVersionTest {

    /** The built-in API versions the chart may use, all served by Kubernetes 1.23 (autoscaling/v2 went GA in it). */
    private static final Set<String> SERVED_BY_1_23 = Set.of("v1", "apps/v1", "autoscaling/v2", "policy/v1",
            "networking.k8s.io/v1", "rbac.authorization.k8s.io/v1", "coordination.k8s.io/v1", "discovery.k8s.io/v1",
            "apiextensions.k8s.io/v1");
    /** prometheus-operator's kinds, installed with it, not by Kubernetes. */
    private static final String OPERATOR_GROUP = "monitoring.coreos.com/";

    @Test
    void shouldUseOnlyApiVersionsKubernetes123Serves() {
        Manifests everything = HelmChart.withDefaults().set("jaeger.enabled", true)
                .set("cacheService.hpa.enabled", true).set("queryRouter.hpa.enabled", true)
                .set("loadBalancer.hpa.enabled", true).set("grafana.dashboard.enabled", true)
                .set("monitoring.serviceMonitor.enabled", true).set("monitoring.podMonitor.enabled", true)
                .set("monitoring.prometheusRule.enabled", true).render();

        for (Manifests rendered : List.of(HelmChart.withDefaults().render(), everything)) {
            assertThat(rendered.objects()).extracting(HasMetadata::getApiVersion)
                    .filteredOn(apiVersion -> !apiVersion.startsWith(OPERATOR_GROUP))
                    .allMatch(SERVED_BY_1_23::contains, "served by Kubernetes 1.23: " + SERVED_BY_1_23);
        }
        assertThat(everything.objects()).extracting(HasMetadata::getApiVersion)
                .as("the optional HPAs are what sets the minimum").contains("autoscaling/v2");
    }

    @Test
    void shouldTellUsersTheMinimumTheChartIsCheckedAgainst() throws Exception {
        String readme = java.nio.file.Files.readString(Repository.CHART.resolve("README.md"));

        assertThat(readme).contains("Kubernetes 1.23 or newer");
    }
}
