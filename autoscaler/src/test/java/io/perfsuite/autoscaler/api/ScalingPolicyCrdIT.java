package io.perfsuite.autoscaler.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

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
    }

    @Test
    void shouldPrintTargetMinMaxCurrentDesiredModeAndAge() throws IOException {
        String crd = crd();

        for (String column : new String[]{"Target", "Min", "Max", "Current", "Desired", "Mode", "Age"}) {
            assertThat(crd).contains("name: \"" + column + "\"");
        }
    }
}
