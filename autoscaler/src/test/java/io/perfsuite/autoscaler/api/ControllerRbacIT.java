package io.perfsuite.autoscaler.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/** The packaged manifests grant the controller what it uses and nothing broader, to the account its pods run as. */
class ControllerRbacIT {

    private static String manifests() throws IOException {
        return Files.readString(Path.of("target/kubernetes/kubernetes.yml"));
    }

    private static List<HasMetadata> resources() throws IOException {
        KubernetesSerialization serialization = new KubernetesSerialization();
        return Arrays.stream(manifests().split("(?m)^---\\s*$")).filter(doc -> doc.contains("kind:"))
                .map(doc -> serialization.<HasMetadata>unmarshal(doc)).toList();
    }

    private static <T extends HasMetadata> T only(Class<T> type) throws IOException {
        List<T> found = resources().stream().filter(type::isInstance).map(type::cast).toList();
        assertThat(found).as(type.getSimpleName()).hasSize(1);
        return found.get(0);
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

    @Test
    void shouldBindBothRolesToTheServiceAccountThePodsRunAs() throws IOException {
        Deployment deployment = only(Deployment.class);
        String namespace = deployment.getMetadata().getNamespace();
        String account = deployment.getSpec().getTemplate().getSpec().getServiceAccountName();
        assertThat(namespace).isEqualTo("autoscaler");
        assertThat(account).isEqualTo("autoscaler");
        assertThat(resources()).anySatisfy(r -> {
            assertThat(r.getKind()).isEqualTo("ServiceAccount");
            assertThat(r.getMetadata().getName()).isEqualTo(account);
            assertThat(r.getMetadata().getNamespace()).isEqualTo(namespace);
        });
        // a ClusterRoleBinding without the account's namespace is refused by the API server
        assertThat(only(ClusterRoleBinding.class).getSubjects()).singleElement().satisfies(s -> {
            assertThat(s.getKind()).isEqualTo("ServiceAccount");
            assertThat(s.getName()).isEqualTo(account);
            assertThat(s.getNamespace()).isEqualTo(namespace);
        });
        RoleBinding leaderElection = only(RoleBinding.class);
        assertThat(leaderElection.getMetadata().getNamespace()).isEqualTo(namespace);
        assertThat(leaderElection.getSubjects()).singleElement()
                .satisfies(s -> assertThat(s.getName()).isEqualTo(account));
    }

    @Test
    void shouldGrantLeasesOnlyInTheControllersNamespaceWithTheVerbsTheSdkChecks() throws IOException {
        assertThat(only(ClusterRole.class).getRules()).flatExtracting(PolicyRule::getResources)
                .doesNotContain("leases");
        Role role = only(Role.class);
        assertThat(role.getMetadata().getNamespace()).isEqualTo("autoscaler");
        assertThat(role.getRules()).singleElement().satisfies(rule -> {
            assertThat(rule.getApiGroups()).containsExactly("coordination.k8s.io");
            assertThat(rule.getResources()).containsExactly("leases");
            assertThat(rule.getVerbs()).containsExactlyInAnyOrder("get", "create", "update");
        });
    }
}
