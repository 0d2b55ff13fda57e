package io.perfsuite.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * k8s/ is the chart rendered with default values, for people who apply plain manifests or kustomize. Regenerate it
 * with {@code ./mvnw -pl chart-tests test -Dtest=RenderedManifestsTest -Dperfsuite.k8s.write=true}.
 */
class RenderedManifestsTest {

    static final Path RENDERED = Repository.K8S.resolve("perfsuite.yaml");
    static final Path CRD = Repository.K8S.resolve("scalingpolicies.perfsuite.io-v1.yml");
    static final String HEADER = """
            # Rendered from helm/perfsuite with default values (release perfsuite, namespace perfsuite).
            # Do not edit: chart-tests' RenderedManifestsTest keeps it equal to the chart and rewrites it with
            # ./mvnw -pl chart-tests test -Dtest=RenderedManifestsTest -Dperfsuite.k8s.write=true
            """;

    @BeforeAll
    static void writeWhenAsked() throws IOException {
        if (Boolean.getBoolean("perfsuite.k8s.write")) {
            Files.writeString(RENDERED, HEADER + HelmChart.withDefaults().template());
            Files.copy(Repository.CHART.resolve("crds/scalingpolicies.perfsuite.io-v1.yml"), CRD,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    void shouldKeepK8sEqualToTheDefaultRendering() throws IOException {
        assertThat(Files.readString(RENDERED))
                .as("k8s/perfsuite.yaml differs from the chart: regenerate it (see this test's javadoc)")
                .isEqualTo(HEADER + HelmChart.withDefaults().template());
    }

    @Test
    void shouldShipTheChartsCrdInK8s() throws IOException {
        assertThat(Files.readString(CRD))
                .isEqualTo(Files.readString(Repository.CHART.resolve("crds/scalingpolicies.perfsuite.io-v1.yml")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldListEveryManifestInTheKustomization() throws IOException {
        Map<?, ?> kustomization = Manifests.SERIALIZATION
                .unmarshal(Files.readString(Repository.K8S.resolve("kustomization.yaml")), Map.class);

        assertThat(kustomization.get("namespace")).isEqualTo(HelmChart.NAMESPACE);
        assertThat((List<Object>) kustomization.get("resources")).containsExactly("namespace.yaml",
                "scalingpolicies.perfsuite.io-v1.yml", "perfsuite.yaml");
        for (Object resource : (List<?>) kustomization.get("resources")) {
            assertThat(Repository.K8S.resolve(resource.toString())).isRegularFile();
        }
    }

    @Test
    void shouldCreateANamespaceThatEnforcesTheRestrictedPodSecurityStandard() {
        HasMetadata namespace = Manifests.read(Repository.K8S.resolve("namespace.yaml")).objects().get(0);

        assertThat(namespace.getKind()).isEqualTo("Namespace");
        assertThat(namespace.getMetadata().getName()).isEqualTo(HelmChart.NAMESPACE);
        assertThat(namespace.getMetadata().getLabels()).containsEntry("pod-security.kubernetes.io/enforce",
                "restricted");
    }
}
