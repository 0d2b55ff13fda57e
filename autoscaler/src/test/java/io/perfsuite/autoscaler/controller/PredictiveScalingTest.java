package io.perfsuite.autoscaler.controller;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.perfsuite.autoscaler.api.v1alpha1.ScalingPolicy;
import io.perfsuite.autoscaler.api.v1alpha1.ScalingPolicySpec;
import io.perfsuite.testsupport.PrometheusTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/**
 * Prediction from history the controller never saw live: at its first evaluation a policy seeds its forecaster with
 * a range query over its lookback from the real Prometheus. The demand is a PromQL function of time, so Prometheus
 * answers days of history at once: 100 now, and 1000 from 10 to 60 minutes after this moment on each of the last
 * days. Only the seeded history can ask for 10 replicas while the live value asks for 1.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@WithTestResource(PrometheusTestResource.class)
class PredictiveScalingTest {

    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final Duration DAY = Duration.ofDays(1);

    @Inject
    KubernetesClient client;

    /** 100, except 1000 between 10 and 60 minutes after {@code anchor}'s time of day (the test runs well within 10). */
    private static String dailyPeakSoon(Instant anchor) {
        // shifted by ten days so % never sees a negative dividend (PromQL's % keeps the dividend's sign)
        String phase = "((time() - " + anchor.getEpochSecond() + " + 864000) % 86400)";
        return "vector(100 + 900 * ((" + phase + " > bool 600) * (" + phase + " < bool 3600)))";
    }

    private static ScalingPolicy predictive(String namespace, int replicasMin, int replicasMax) {
        ScalingPolicy policy = Policies.policy(namespace, "web", "web", dailyPeakSoon(Instant.now()), 100, replicasMin,
                replicasMax);
        ScalingPolicySpec.PredictionSpec prediction = new ScalingPolicySpec.PredictionSpec();
        prediction.metric = "demand";
        // three days: enough for the daily season to be tested (two seasons) and averaged
        prediction.lookbackSeconds = (int) DAY.multipliedBy(3).toSeconds();
        prediction.horizonSeconds = 3600;
        policy.getSpec().prediction = prediction;
        return policy;
    }

    @Test
    void shouldSeedTheForecastFromAPrometheusRangeQueryAndScaleAheadOfTheDailyPeak() {
        client.apps().deployments().inNamespace("seeded").resource(Policies.deployment("seeded", "web", 5)).create();
        client.resources(ScalingPolicy.class).inNamespace("seeded").resource(predictive("seeded", 1, 20)).create();

        await().atMost(BOUND).untilAsserted(() -> {
            assertThat(client.apps().deployments().inNamespace("seeded").withName("web").get().getSpec()
                    .getReplicas()).isEqualTo(10);
            ScalingPolicy policy = client.resources(ScalingPolicy.class).inNamespace("seeded").withName("web").get();
            assertThat(policy.getStatus().lastDecision).isNotNull();
            assertThat(policy.getStatus().lastDecision.metrics).as("the live demand alone needs one replica")
                    .containsEntry("demand", 100.0);
        });
        given().get("/v1/policies/seeded/web/decisions").then().statusCode(200)
                .body("[0].reason", equalTo("PREDICTION"))
                .body("[0].forecastMethod", startsWith("daily"))
                .body("[0].forecast", greaterThan(900.0f))
                .body("[0].predictedReplicas", equalTo(10));
    }

    @Test
    void shouldMoveTheOwnedHpasFloorAheadOfTheForecastPeak() {
        client.apps().deployments().inNamespace("hpa-forecast").resource(Policies.deployment("hpa-forecast", "web", 2))
                .create();
        ScalingPolicy policy = predictive("hpa-forecast", 1, 20);
        policy.getSpec().actuation = ScalingPolicySpec.Actuation.HPA;
        client.resources(ScalingPolicy.class).inNamespace("hpa-forecast").resource(policy).create();

        await().atMost(BOUND).untilAsserted(() -> {
            HorizontalPodAutoscaler hpa = client.autoscaling().v2().horizontalPodAutoscalers()
                    .inNamespace("hpa-forecast").withName("web").get();
            assertThat(hpa).isNotNull();
            assertThat(hpa.getSpec().getMinReplicas()).as("the forecast peak of 1000 at 100 per replica")
                    .isEqualTo(10);
            assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(20);
            ScalingPolicy status = client.resources(ScalingPolicy.class).inNamespace("hpa-forecast").withName("web")
                    .get();
            assertThat(status.getStatus().desiredReplicas).isEqualTo(10);
            assertThat(status.getStatus().lastDecision).isNotNull();
            assertThat(status.getStatus().lastDecision.metrics).as("the live demand alone needs one replica")
                    .containsEntry("demand", 100.0);
            assertThat(status.getStatus().lastDecision.forecastMethod).startsWith("daily");
        });
        assertThat(client.apps().deployments().inNamespace("hpa-forecast").withName("web").get().getSpec()
                .getReplicas()).as("the HPA scales the workload, not the controller").isEqualTo(2);
    }
}
