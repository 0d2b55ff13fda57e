package io.perfsuite.autoscaler.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.perfsuite.autoscaler.api.v1alpha1.ScalingPolicy;
import io.perfsuite.autoscaler.api.v1alpha1.ScalingPolicySpec;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/**
 * Prometheus accepts the connection and never answers: every query times out (300 ms, one retry). The policy holds
 * its replicas (missing data never scales down), says why, and after failureThreshold evaluations applies its
 * fallback.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@WithTestResource(SilentPrometheus.class)
class PrometheusTimeoutTest {

    private static final Duration BOUND = Duration.ofSeconds(40);

    @Inject
    KubernetesClient client;

    private ScalingPolicy policy(String namespace) {
        return client.resources(ScalingPolicy.class).inNamespace(namespace).withName("web").get();
    }

    private Condition condition(String namespace, String type) {
        return policy(namespace).getStatus().conditions.stream().filter(c -> type.equals(c.getType())).findFirst()
                .orElseThrow();
    }

    private int replicas(String namespace) {
        return client.apps().deployments().inNamespace(namespace).withName("web").get().getSpec().getReplicas();
    }

    @Test
    void shouldHoldThenFallBackWhenPrometheusNeverAnswers() {
        client.apps().deployments().inNamespace("slow").resource(Policies.deployment("slow", "web", 5)).create();
        ScalingPolicy policy = Policies.policy("slow", "web", "web", "sum(rate(http_requests_total[1m]))", 100, 1, 20);
        policy.getSpec().fallback = new ScalingPolicySpec.FallbackSpec();
        policy.getSpec().fallback.failureThreshold = 3;
        policy.getSpec().fallback.replicas = 8;
        client.resources(ScalingPolicy.class).inNamespace("slow").resource(policy).create();

        // first evaluations: no data, hold at 5 (never down), and the condition says Prometheus did not answer
        await().ignoreExceptions().atMost(BOUND).untilAsserted(() -> {
            Condition metrics = condition("slow", "MetricsAvailable");
            assertThat(metrics.getStatus()).isEqualTo("False");
            assertThat(metrics.getReason()).isEqualTo("PrometheusUnavailable");
            assertThat(metrics.getMessage()).contains("spec.metrics[0].query").contains("did not answer");
        });
        assertThat(replicas("slow")).isGreaterThanOrEqualTo(5);

        // after three evaluations without metrics: the fallback count, never below the current one
        await().ignoreExceptions().atMost(BOUND).untilAsserted(() -> {
            assertThat(replicas("slow")).isEqualTo(8);
            assertThat(policy("slow").getStatus().lastDecision.reason).isEqualTo("FALLBACK");
            assertThat(condition("slow", "ScalingActive").getReason()).isEqualTo("FailedGetMetrics");
        });
    }
}
