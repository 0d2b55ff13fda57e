package io.perfsuite.autoscaler.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The packaged manifests grant the controller what it uses and nothing broader. */
class ControllerRbacIT {

    private static String manifests() throws IOException {
        return Files.readString(Path.of("target/kubernetes/kubernetes.yml"));
    }

    @Test
    void shouldGrantTheScaleSubresourceHpasEventsLeasesAndPolicyStatus() throws IOException {
        assertThat(manifests()).contains("deployments/scale", "statefulsets/scale", "horizontalpodautoscalers",
                "events", "leases", "scalingpolicies/status", "scalingpolicies/finalizers");
    }

    @Test
    void shouldNotBindTheGeneratedBroadRoles() throws IOException {
        String manifests = manifests();

        assertThat(manifests).doesNotContain("scalingpolicy-cluster-role", "name: view");
        assertThat(manifests).doesNotContainPattern("resources:\\s*\\n\\s*- deployments\\s*\\n");
    }
}
