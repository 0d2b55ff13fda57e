package io.perfsuite.autoscaler.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.perfsuite.autoscaler.api.v1alpha1.ScalingPolicy;
import io.perfsuite.autoscaler.api.v1alpha1.ScalingPolicyStatus;
import io.perfsuite.testsupport.PrometheusTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/**
 * What the controller does when the cluster misbehaves: fabric8's mock API in CRUD mode with failures injected by
 * expectations (which answer before the CRUD store), and a real Prometheus. Policies here evaluate every 60 s, so a
 * change seen within seconds of creating one happened in its first reconciliation, retries included.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@WithTestResource(PrometheusTestResource.class)
class ControllerFaultsTest {

    private static final Duration WITHIN_FIRST_EVALUATION = Duration.ofSeconds(20);
    private static final Duration BOUND = Duration.ofSeconds(30);

    @Inject
    KubernetesClient client;

    @KubernetesTestServer
    KubernetesServer mockServer;

    private static Status status(int code, String reason, String message) {
        return new StatusBuilder().withStatus("Failure").withCode(code).withReason(reason).withMessage(message).build();
    }

    private void createPolicy(String namespace, String query, int replicas, int min, int max) {
        client.apps().deployments().inNamespace(namespace).resource(Policies.deployment(namespace, "web", replicas))
                .create();
        ScalingPolicy policy = Policies.policy(namespace, "web", "web", query, 100, min, max);
        policy.getSpec().evaluationIntervalSeconds = 60;
        client.resources(ScalingPolicy.class).inNamespace(namespace).resource(policy).create();
    }

    private int replicas(String namespace) {
        return client.apps().deployments().inNamespace(namespace).withName("web").get().getSpec().getReplicas();
    }

    private Condition condition(String namespace, String type) {
        ScalingPolicy policy = client.resources(ScalingPolicy.class).inNamespace(namespace).withName("web").get();
        ScalingPolicyStatus status = policy == null ? null : policy.getStatus();
        if (status == null || status.conditions == null) {
            return null;
        }
        return status.conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
    }

    @Test
    void shouldRetryAConflictingScaleWriteWithinTheSameEvaluation() {
        // another writer (kubectl scale, a GitOps sync) changed the object between our read and our write, twice
        String scale = "/apis/apps/v1/namespaces/conflict/deployments/web/scale";
        Status conflict = status(409, "Conflict", "the object has been modified; please apply your changes to the "
                + "latest version and try again");
        mockServer.expect().put().withPath(scale).andReturn(409, conflict).times(2);
        mockServer.expect().patch().withPath(scale).andReturn(409, conflict).times(2);

        createPolicy("conflict", "vector(500)", 2, 1, 9);

        await().ignoreExceptions().atMost(WITHIN_FIRST_EVALUATION)
                .untilAsserted(() -> assertThat(replicas("conflict")).isEqualTo(5));
        await().ignoreExceptions().atMost(BOUND).untilAsserted(() -> {
            Condition able = condition("conflict", "AbleToScale");
            assertThat(able).isNotNull();
            assertThat(able.getStatus()).isEqualTo("True");
            assertThat(able.getReason()).isEqualTo("SucceededRescale");
        });
    }

    @Test
    void shouldRetryAnApiServerFailingMidReconcile() {
        // the scale was read, then the API server failed the write once (etcd leader change, a restarting apiserver):
        // the client's own retry
        String scale = "/apis/apps/v1/namespaces/flaky/deployments/web/scale";
        Status unavailable = status(503, "ServiceUnavailable", "etcdserver: leader changed");
        mockServer.expect().put().withPath(scale).andReturn(503, unavailable).once();
        mockServer.expect().patch().withPath(scale).andReturn(503, unavailable).once();

        createPolicy("flaky", "vector(500)", 2, 1, 9);

        await().ignoreExceptions().atMost(WITHIN_FIRST_EVALUATION)
                .untilAsserted(() -> assertThat(replicas("flaky")).isEqualTo(5));
    }

    @Test
    void shouldGiveUpOnAConflictThatKeepsComingAndSaySo() {
        String scale = "/apis/apps/v1/namespaces/contended/deployments/web/scale";
        Status conflict = status(409, "Conflict", "the object has been modified");
        mockServer.expect().put().withPath(scale).andReturn(409, conflict).always();
        mockServer.expect().patch().withPath(scale).andReturn(409, conflict).always();

        createPolicy("contended", "vector(500)", 2, 1, 9);

        await().ignoreExceptions().atMost(BOUND).untilAsserted(() -> {
            Condition able = condition("contended", "AbleToScale");
            assertThat(able.getStatus()).isEqualTo("False");
            assertThat(able.getReason()).isEqualTo("FailedUpdateScale");
            assertThat(able.getMessage()).contains("after 4 attempts").contains("409");
        });
        assertThat(replicas("contended")).isEqualTo(2);
    }

    @Test
    void shouldReportAnApiServerThatKeepsFailingAndKeepEvaluating() {
        String scale = "/apis/apps/v1/namespaces/down/deployments/web/scale";
        Status unavailable = status(503, "ServiceUnavailable", "apiserver overloaded");
        mockServer.expect().put().withPath(scale).andReturn(503, unavailable).always();
        mockServer.expect().patch().withPath(scale).andReturn(503, unavailable).always();

        createPolicy("down", "vector(500)", 2, 1, 9);

        await().ignoreExceptions().atMost(BOUND).untilAsserted(() -> {
            Condition able = condition("down", "AbleToScale");
            assertThat(able).isNotNull();
            assertThat(able.getStatus()).isEqualTo("False");
            assertThat(able.getReason()).isEqualTo("FailedUpdateScale");
            // the API server's answer is in the message
            assertThat(able.getMessage()).contains("503");
            assertThat(client.v1().events().inNamespace("down").list().getItems())
                    .anySatisfy(e -> assertThat(e.getReason()).isEqualTo("FailedRescale"));
        });
        assertThat(replicas("down")).isEqualTo(2);
        // the reconciler did not give up on the policy: its decision is still reported
        ScalingPolicy policy = client.resources(ScalingPolicy.class).inNamespace("down").withName("web").get();
        assertThat(policy.getStatus().lastDecision.to).isEqualTo(5);
        assertThat(Instant.parse(policy.getStatus().lastDecision.time)).isNotNull();
    }

    @Test
    void shouldKeepReconcilingOtherPoliciesWhenOneHasAnUnknownEnumValue() {
        // the mock API does not validate against the CRD schema (a real API server refuses this one): a policy with
        // a mode the controller does not know gets into the store
        client.apps().deployments().inNamespace("enums").resource(Policies.deployment("enums", "web", 2)).create();
        GenericKubernetesResource unknown = new GenericKubernetesResourceBuilder()
                .withApiVersion("perfsuite.io/v1alpha1").withKind("ScalingPolicy")
                .withNewMetadata().withNamespace("enums").withName("sometimes").endMetadata()
                .addToAdditionalProperties("spec", Map.of("targetRef", Map.of("kind", "Deployment", "name", "web"),
                        "minReplicas", 1, "maxReplicas", 9, "mode", "Sometimes", "evaluationIntervalSeconds", 1,
                        "metrics", List.of(Map.of("name", "demand", "query", "vector(900)",
                                "target", Map.of("type", "AverageValue", "value", 100)))))
                .build();
        client.genericKubernetesResources(new ResourceDefinitionContext.Builder().withGroup("perfsuite.io")
                .withVersion("v1alpha1").withKind("ScalingPolicy").withPlural("scalingpolicies").withNamespaced(true)
                .build()).inNamespace("enums").resource(unknown).create();

        createPolicy("enums-ok", "vector(500)", 2, 1, 9);

        await().ignoreExceptions().atMost(BOUND).untilAsserted(() -> assertThat(replicas("enums-ok")).isEqualTo(5));
        // the unknown policy changed nothing
        assertThat(client.apps().deployments().inNamespace("enums").withName("web").get().getSpec().getReplicas())
                .isEqualTo(2);
        // and says why, naming the field
        await().ignoreExceptions().atMost(BOUND).untilAsserted(() -> {
            ScalingPolicy read = client.resources(ScalingPolicy.class).inNamespace("enums").withName("sometimes").get();
            Condition ready = read.getStatus().conditions.stream().filter(c -> "Ready".equals(c.getType()))
                    .findFirst().orElseThrow();
            assertThat(ready.getStatus()).isEqualTo("False");
            assertThat(ready.getReason()).isEqualTo("InvalidSpec");
            assertThat(ready.getMessage()).contains("spec.mode").contains("Auto, Recommend, Paused");
        });
    }

    @Test
    void shouldNameTheQueryPrometheusRejectsAndNeverScaleDownOnIt() {
        // five replicas; the only metric's PromQL does not parse: nothing to decide on, so nothing moves
        createPolicy("badquery", "sum(rate(http_requests_total[1m]", 5, 1, 9);

        await().ignoreExceptions().atMost(BOUND).untilAsserted(() -> {
            Condition metrics = condition("badquery", "MetricsAvailable");
            assertThat(metrics).isNotNull();
            assertThat(metrics.getStatus()).isEqualTo("False");
            assertThat(metrics.getReason()).isEqualTo("InvalidQuery");
            assertThat(metrics.getMessage()).contains("spec.metrics[0].query")
                    .contains("Prometheus rejected the query")
                    .contains("400");
        });
        assertThat(replicas("badquery")).isEqualTo(5);
        Condition ready = condition("badquery", "Ready");
        assertThat(ready.getStatus()).isEqualTo("True");
    }
}
