package io.perfsuite.autoscaler.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.perfsuite.autoscaler.api.v1alpha1.ScalingPolicy;
import io.perfsuite.testsupport.PrometheusServer;
import io.perfsuite.testsupport.PrometheusTestResource;
import io.perfsuite.testsupport.TestServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/** The whole path: a scraped sample crosses the target, Prometheus answers the policy's query, the scale is patched. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@WithTestResource(PrometheusTestResource.class)
class PrometheusThresholdScalingTest {

    private static final Duration BOUND = Duration.ofSeconds(30);

    @Inject
    KubernetesClient client;

    @TestServer
    PrometheusServer prometheus;

    private int replicas() {
        return client.apps().deployments().inNamespace("queue").withName("worker").get().getSpec().getReplicas();
    }

    @Test
    void shouldScaleWhenAScrapedSampleCrossesTheTarget() throws Exception {
        try (DemandEndpoint endpoint = new DemandEndpoint("perfsuite_test_queue_depth", 20)) {
            prometheus.addScrapeTarget("queue-demand", endpoint.hostPort(), "/metrics");
            client.apps().deployments().inNamespace("queue").resource(Policies.deployment("queue", "worker", 2))
                    .create();
            client.resources(ScalingPolicy.class).inNamespace("queue").resource(Policies.policy("queue", "worker",
                    "worker", "sum(perfsuite_test_queue_depth)", 10, 1, 10)).create();
            await().atMost(BOUND).untilAsserted(() -> {
                ScalingPolicy policy = client.resources(ScalingPolicy.class).inNamespace("queue").withName("worker")
                        .get();
                assertThat(policy.getStatus()).isNotNull();
                assertThat(policy.getStatus().lastDecision).isNotNull();
                assertThat(policy.getStatus().lastDecision.metrics).containsEntry("demand", 20.0);
            });
            assertThat(replicas()).as("20 over 2 replicas is on target").isEqualTo(2);

            endpoint.set(60);

            await().atMost(BOUND).untilAsserted(() -> assertThat(replicas()).isEqualTo(6));
            // the status is patched after the scale: under load it can trail the replica count by a moment
            await().atMost(BOUND).untilAsserted(() -> assertThat(client.resources(ScalingPolicy.class)
                    .inNamespace("queue").withName("worker").get().getStatus().lastScaleTime).isNotNull());
        }
    }
}
