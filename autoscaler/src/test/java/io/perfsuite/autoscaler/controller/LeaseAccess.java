package io.perfsuite.autoscaler.controller;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRule;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRuleBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.dsl.MockServerExpectation;

/**
 * Before it campaigns for the lease, the operator SDK asks the API server (a SelfSubjectRulesReview) whether it may
 * get, create and update leases, and refuses to start otherwise. The mock API server cannot evaluate RBAC, so it
 * answers with the rules of the controller's own ClusterRole and Role (src/main/kubernetes/kubernetes.yml): a role
 * that loses a lease verb fails the leader-election tests.
 */
final class LeaseAccess {

    static final String REVIEWS = "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews";

    private LeaseAccess() {
    }

    /** The SDK reviews the lease's namespace, which the tests know. */
    static void answerRulesReviewsFromTheControllerRoles(MockServerExpectation expect, String namespace) {
        expect.post().withPath(REVIEWS).andReturn(201, review(namespace)).always();
    }

    static SelfSubjectRulesReview review(String namespace) {
        return new SelfSubjectRulesReviewBuilder().withNewSpec().withNamespace(namespace).endSpec().withNewStatus()
                .withIncomplete(false)
                .withResourceRules(controllerRules(namespace))
                .endStatus().build();
    }

    static List<ResourceRule> controllerRules(String namespace) {
        String manifests;
        try {
            manifests = Files.readString(Path.of("src/main/kubernetes/kubernetes.yml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        KubernetesSerialization serialization = new KubernetesSerialization();
        // what applies in the namespace: the cluster role, and the roles in that namespace
        List<PolicyRule> rules = Arrays.stream(manifests.split("(?m)^---\\s*$"))
                .filter(doc -> doc.contains("kind:"))
                .map(doc -> serialization.<HasMetadata>unmarshal(doc))
                .flatMap(resource -> resource instanceof ClusterRole c
                        ? c.getRules().stream()
                        : resource instanceof Role r && namespace.equals(r.getMetadata().getNamespace())
                                ? r.getRules().stream()
                                : Stream.empty())
                .toList();
        return rules.stream().map(rule -> new ResourceRuleBuilder()
                .withApiGroups(rule.getApiGroups())
                .withResources(rule.getResources())
                .withResourceNames(rule.getResourceNames() == null ? List.of() : rule.getResourceNames())
                .withVerbs(rule.getVerbs())
                .build()).toList();
    }
}
