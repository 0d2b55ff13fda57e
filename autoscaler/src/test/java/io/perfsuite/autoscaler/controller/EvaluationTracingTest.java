package io.perfsuite.autoscaler.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.perfsuite.autoscaler.api.v1alpha1.ScalingPolicy;
import io.perfsuite.autoscaler.evaluation.EvaluationSpans;
import io.perfsuite.testsupport.PrometheusTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/** Each evaluation leaves a span saying what decided, and each scale patch a span under it. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@WithTestResource(PrometheusTestResource.class)
class EvaluationTracingTest {

    private static final Duration BOUND = Duration.ofSeconds(30);

    @Inject
    KubernetesClient client;

    @Inject
    InMemorySpanExporter spans;

    @Test
    void shouldTraceTheEvaluationThatScaledAndItsScalePatch() {
        client.apps().deployments().inNamespace("traced").resource(Policies.deployment("traced", "web", 2)).create();
        client.resources(ScalingPolicy.class).inNamespace("traced")
                .resource(Policies.policy("traced", "web", "web", "vector(500)", 100, 1, 9)).create();

        await().atMost(BOUND).untilAsserted(() -> {
            List<SpanData> finished = spans.getFinishedSpanItems();
            SpanData evaluation = finished.stream()
                    .filter(s -> s.getName().equals("evaluate policy"))
                    .filter(s -> "traced/web".equals(s.getAttributes().get(EvaluationSpans.POLICY)))
                    .filter(s -> Boolean.TRUE.equals(s.getAttributes().get(EvaluationSpans.APPLIED)))
                    .findFirst().orElse(null);
            assertThat(evaluation).as("an evaluation that scaled").isNotNull();
            assertThat(evaluation.getAttributes().get(EvaluationSpans.MODE)).isEqualTo("AUTO");
            assertThat(evaluation.getAttributes().get(EvaluationSpans.FROM)).isEqualTo(2L);
            assertThat(evaluation.getAttributes().get(EvaluationSpans.TO)).isEqualTo(5L);
            assertThat(evaluation.getAttributes().get(EvaluationSpans.REASON)).isEqualTo("METRIC");
            assertThat(evaluation.getAttributes().get(EvaluationSpans.RULE)).isEqualTo("demand");

            Optional<SpanData> patch = finished.stream().filter(s -> s.getName().equals("scale patch"))
                    .filter(s -> s.getParentSpanId().equals(evaluation.getSpanId())).findFirst();
            assertThat(patch).isPresent();
            assertThat(patch.get().getKind()).isEqualTo(SpanKind.CLIENT);
            assertThat(patch.get().getTraceId()).isEqualTo(evaluation.getTraceId());
            assertThat(patch.get().getAttributes().get(EvaluationSpans.TARGET_NAME)).isEqualTo("web");
            assertThat(patch.get().getAttributes().get(EvaluationSpans.TO)).isEqualTo(5L);
        });
    }

    @Test
    void shouldTraceAnEvaluationThatHeldWithoutAScalePatch() {
        client.apps().deployments().inNamespace("steady").resource(Policies.deployment("steady", "web", 3)).create();
        client.resources(ScalingPolicy.class).inNamespace("steady")
                .resource(Policies.policy("steady", "web", "web", "vector(300)", 100, 1, 9)).create();

        await().atMost(BOUND).untilAsserted(() -> {
            SpanData evaluation = spans.getFinishedSpanItems().stream()
                    .filter(s -> s.getName().equals("evaluate policy"))
                    .filter(s -> "steady/web".equals(s.getAttributes().get(EvaluationSpans.POLICY)))
                    .findFirst().orElse(null);
            assertThat(evaluation).as("an evaluation of steady/web").isNotNull();
            assertThat(evaluation.getAttributes().get(EvaluationSpans.FROM)).isEqualTo(3L);
            assertThat(evaluation.getAttributes().get(EvaluationSpans.TO)).isEqualTo(3L);
            assertThat(evaluation.getAttributes().get(EvaluationSpans.APPLIED)).isFalse();
            assertThat(evaluation.getAttributes().get(EvaluationSpans.REASON)).isEqualTo("WITHIN_TOLERANCE");
            assertThat(spans.getFinishedSpanItems()).noneMatch(s -> s.getName().equals("scale patch")
                    && s.getParentSpanId().equals(evaluation.getSpanId()));
        });
    }
}
