package io.perfsuite.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;

/** The autoscaler gets exactly what its reconciler and leader election use, and no other service gets anything. */
class AutoscalerRbacTest {

    static final List<PolicyRule> CONTROLLER_RULES = List.of(
            rule("perfsuite.io", List.of("scalingpolicies"), "get", "list", "watch", "patch", "update"),
            rule("perfsuite.io", List.of("scalingpolicies/finalizers"), "update"),
            rule("perfsuite.io", List.of("scalingpolicies/status"), "get", "patch", "update"),
            rule("apps", List.of("deployments/scale", "statefulsets/scale"), "get", "update", "patch"),
            rule("autoscaling", List.of("horizontalpodautoscalers"), "get", "create", "update", "patch"),
            rule("", List.of("events"), "create", "patch"));
    static final PolicyRule LEASE_RULE = rule("coordination.k8s.io", List.of("leases"), "get", "create", "update");

    final Manifests rendered = HelmChart.withDefaults().render();

    @Test
    void shouldGrantTheControllerExactlyTheRulesItUses() {
        ClusterRole role = rendered.one(ClusterRole.class, "perfsuite-autoscaler-controller");

        assertThat(role.getRules()).containsExactlyElementsOf(CONTROLLER_RULES);
    }

    @Test
    void shouldGrantWhatTheAutoscalersOwnTestedRbacGrants() {
        // autoscaler/src/main/kubernetes/kubernetes.yml is what its leader-election tests run against
        Manifests autoscalers = Manifests.read(Repository.ROOT.resolve("autoscaler/src/main/kubernetes/kubernetes.yml"));

        assertThat(rendered.one(ClusterRole.class, "perfsuite-autoscaler-controller").getRules())
                .containsExactlyElementsOf(autoscalers.one(ClusterRole.class, "autoscaler-controller").getRules());
        assertThat(rendered.one(Role.class, "perfsuite-autoscaler-leader-election").getRules())
                .containsExactlyElementsOf(autoscalers.one(Role.class, "autoscaler-leader-election").getRules());
    }

    @Test
    void shouldKeepLeaseAccessToTheReleaseNamespace() {
        assertThat(rendered.one(Role.class, "perfsuite-autoscaler-leader-election").getRules())
                .containsExactly(LEASE_RULE);
        assertThat(rendered.all(ClusterRole.class)).flatExtracting(ClusterRole::getRules)
                .noneMatch(r -> r.getResources().contains("leases"));
    }

    @Test
    void shouldBindOnlyTheAutoscalersServiceAccount() {
        Subject autoscaler = new Subject(null, "ServiceAccount", "perfsuite-autoscaler", HelmChart.NAMESPACE);

        assertThat(rendered.all(ClusterRoleBinding.class)).hasSize(1)
                .allSatisfy(b -> assertThat(b.getSubjects()).containsExactly(autoscaler));
        assertThat(rendered.all(RoleBinding.class))
                .filteredOn(b -> b.getMetadata().getName().startsWith("perfsuite-autoscaler")).hasSize(1)
                .allSatisfy(b -> assertThat(b.getSubjects()).containsExactly(autoscaler));
        assertThat(rendered.all(RoleBinding.class)).extracting(b -> b.getMetadata().getName())
                .containsExactlyInAnyOrder("perfsuite-autoscaler-leader-election", "perfsuite-load-balancer-discovery");
        assertThat(rendered.deployment("autoscaler").getSpec().getTemplate().getSpec().getServiceAccountName())
                .isEqualTo("perfsuite-autoscaler");
    }

    @Test
    void shouldGrantNoWildcard() {
        assertThat(rendered.all(ClusterRole.class)).flatExtracting(ClusterRole::getRules)
                .allSatisfy(r -> assertThat(r.getVerbs()).doesNotContain("*"))
                .allSatisfy(r -> assertThat(r.getResources()).doesNotContain("*"))
                .allSatisfy(r -> assertThat(r.getApiGroups()).doesNotContain("*"));
    }

    @Test
    void shouldUseARoleInEachWatchedNamespaceInsteadOfAClusterRole() {
        Manifests scoped = HelmChart.withDefaults().values("""
                autoscaler:
                  watchNamespaces: [team-a, team-b]
                """).render();

        assertThat(scoped.all(ClusterRole.class)).isEmpty();
        assertThat(scoped.all(ClusterRoleBinding.class)).isEmpty();
        List<Role> controllerRoles = scoped.all(Role.class).stream()
                .filter(r -> r.getMetadata().getName().equals("perfsuite-autoscaler-controller")).toList();
        assertThat(controllerRoles).extracting(r -> r.getMetadata().getNamespace()).containsExactly("team-a", "team-b");
        assertThat(controllerRoles).allSatisfy(r -> assertThat(r.getRules()).containsExactlyElementsOf(CONTROLLER_RULES));
        assertThat(Manifests.env(scoped.container("autoscaler"))
                .get("QUARKUS_OPERATOR_SDK_CONTROLLERS_SCALINGPOLICY_NAMESPACES").getValue()).isEqualTo("team-a,team-b");
    }

    @Test
    void shouldWatchEveryNamespaceByDefault() {
        assertThat(Manifests.env(rendered.container("autoscaler"))
                .get("QUARKUS_OPERATOR_SDK_CONTROLLERS_SCALINGPOLICY_NAMESPACES").getValue())
                .isEqualTo("JOSDK_ALL_NAMESPACES");
    }

    private static PolicyRule rule(String group, List<String> resources, String... verbs) {
        return new PolicyRuleBuilder().withApiGroups(group).withResources(resources).withVerbs(verbs).build();
    }
}
