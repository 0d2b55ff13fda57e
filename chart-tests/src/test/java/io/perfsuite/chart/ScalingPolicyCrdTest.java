package io.perfsuite.chart;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;

class ScalingPolicyCrdTest {

    static CustomResourceDefinition chartCrd() {
        return (CustomResourceDefinition) Manifests
                .read(Repository.CHART.resolve("crds/scalingpolicies.perfsuite.io-v1.yml")).objects().get(0);
    }

    @Test
    void shouldShipTheCrdTheOperatorSdkGenerates() {
        CustomResourceDefinition generated = (CustomResourceDefinition) Manifests.read(Repository.generatedCrd())
                .objects().get(0);

        assertThat(chartCrd())
                .as("helm/perfsuite/crds/ is behind the autoscaler's model: copy %s there and rerun "
                        + "RenderedManifestsTest with -Dperfsuite.k8s.write=true", Repository.generatedCrd())
                .isEqualTo(generated);
    }

    @Test
    void shouldBeAStructuralCrdWithOneServedStoredVersion() {
        CustomResourceDefinition crd = chartCrd();

        assertThat(crd.getMetadata().getName()).isEqualTo("scalingpolicies.perfsuite.io");
        assertThat(crd.getSpec().getGroup()).isEqualTo("perfsuite.io");
        assertThat(crd.getSpec().getScope()).isEqualTo("Namespaced");
        assertThat(crd.getSpec().getNames().getKind()).isEqualTo("ScalingPolicy");
        assertThat(crd.getSpec().getVersions()).hasSize(1);
        CustomResourceDefinitionVersion version = crd.getSpec().getVersions().get(0);
        assertThat(version.getServed()).isTrue();
        assertThat(version.getStorage()).isTrue();
        assertThat(version.getSubresources().getStatus()).isNotNull();
        JSONSchemaProps schema = version.getSchema().getOpenAPIV3Schema();
        assertThat(schema.getType()).isEqualTo("object");
        assertThat(schema.getProperties()).containsKeys("spec", "status");
        assertStructural("", schema);
    }

    /** A structural schema gives every node a type (x-kubernetes-int-or-string and preserved fields aside). */
    private static void assertStructural(String path, JSONSchemaProps node) {
        if (!Boolean.TRUE.equals(node.getXKubernetesIntOrString())
                && !Boolean.TRUE.equals(node.getXKubernetesPreserveUnknownFields())) {
            assertThat(node.getType()).as("type of %s", path.isEmpty() ? "the root" : path).isNotBlank();
        }
        if (node.getProperties() != null) {
            node.getProperties().forEach((name, child) -> assertStructural(path + "." + name, child));
        }
        if (node.getItems() != null && node.getItems().getSchema() != null) {
            assertStructural(path + "[]", node.getItems().getSchema());
        }
        if (node.getAdditionalProperties() != null && node.getAdditionalProperties().getSchema() != null) {
            assertStructural(path + "{}", node.getAdditionalProperties().getSchema());
        }
    }
}
