package io.perfsuite.autoscaler.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/** The CRD the build generates from the Java classes carries the validation and columns operators rely on. */
class ScalingPolicyCrdIT {

    private static String crd() throws IOException {
        return Files.readString(Path.of("target/kubernetes/scalingpolicies.perfsuite.io-v1.yml"));
    }

    @Test
    void shouldDeclareGroupVersionScopeAndShortName() throws IOException {
        String crd = crd();

        assertThat(crd).contains("group: \"perfsuite.io\"", "name: \"v1alpha1\"", "scope: \"Namespaced\"",
                "- \"sp\"", "status: {}");
    }

    @Test
    void shouldValidateMinAgainstMaxWithCel() throws IOException {
        assertThat(crd()).contains("x-kubernetes-validations", "self.minReplicas <= self.maxReplicas",
                "minReplicas must not exceed maxReplicas");
    }

    @Test
    void shouldListKnownEnumValuesAndMinimums() throws IOException {
        String crd = crd();

        assertThat(crd).contains("- \"Replicas\"", "- \"HPA\"", "- \"Auto\"", "- \"Recommend\"", "- \"Paused\"",
                "- \"AverageValue\"", "- \"Utilization\"", "- \"Disabled\"");
        assertThat(crd).contains("minimum: 1.0");
        // the constant that tolerant reading maps unknown values to is the controller's, not a value to offer
        assertThat(crd).doesNotContain("UNKNOWN");
        assertThat(specProperty("mode").getEnum()).extracting(Object::toString)
                .containsExactlyInAnyOrder("\"Auto\"", "\"Recommend\"", "\"Paused\"");
    }

    /** The property schema under spec, down the given property names (an array's items are crossed). */
    private static JSONSchemaProps specProperty(String... path) throws IOException {
        CustomResourceDefinition crd = new KubernetesSerialization().unmarshal(crd(), CustomResourceDefinition.class);
        JSONSchemaProps schema = crd.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema().getProperties()
                .get("spec");
        for (String name : path) {
            if (schema.getItems() != null) {
                schema = schema.getItems().getSchema();
            }
            schema = schema.getProperties().get(name);
            assertThat(schema).as("spec." + String.join(".", path)).isNotNull();
        }
        return schema;
    }

    @Test
    void shouldRequirePositiveIntervalsWindowsAndPeriods() throws IOException {
        assertThat(specProperty("evaluationIntervalSeconds").getMinimum()).isEqualTo(1.0);
        assertThat(specProperty("minReplicas").getMinimum()).isEqualTo(0.0);
        assertThat(specProperty("maxReplicas").getMinimum()).isEqualTo(1.0);
        for (String direction : new String[]{"scaleUp", "scaleDown"}) {
            assertThat(specProperty("behavior", direction, "stabilizationWindowSeconds").getMinimum()).isEqualTo(0.0);
            assertThat(specProperty("behavior", direction, "policies", "periodSeconds").getMinimum()).isEqualTo(1.0);
            assertThat(specProperty("behavior", direction, "policies", "value").getMinimum()).isEqualTo(1.0);
        }
        assertThat(specProperty("stepRules", "cooldownSeconds").getMinimum()).isEqualTo(0.0);
        assertThat(specProperty("stepRules", "rules", "forSeconds").getMinimum()).isEqualTo(0.0);
        assertThat(specProperty("schedules", "durationSeconds").getMinimum()).isEqualTo(1.0);
        assertThat(specProperty("prediction", "horizonSeconds").getMinimum()).isEqualTo(1.0);
        assertThat(specProperty("prediction", "lookbackSeconds").getMinimum()).isEqualTo(3600.0);
        assertThat(specProperty("prediction", "scaleDownStabilizationSeconds").getMinimum()).isEqualTo(0.0);
        assertThat(specProperty("prediction", "scaleDownStabilizationSeconds").getMaximum()).isEqualTo(3600.0);
        assertThat(specProperty("fallback", "failureThreshold").getMinimum()).isEqualTo(1.0);
        assertThat(specProperty("targetRef", "kind").getEnum()).extracting(Object::toString)
                .containsExactlyInAnyOrder("\"Deployment\"", "\"StatefulSet\"");
    }

    @Test
    void shouldPrintTargetMinMaxCurrentDesiredModeAndAge() throws IOException {
        String crd = crd();

        for (String column : new String[]{"Target", "Min", "Max", "Current", "Desired", "Mode", "Age"}) {
            assertThat(crd).contains("name: \"" + column + "\"");
        }
    }
}
