package io.perfsuite.autoscaler.controller;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.perfsuite.autoscaler.api.v1alpha1.ScalingPolicy;
import io.perfsuite.autoscaler.api.v1alpha1.ScalingPolicySpec;
import io.perfsuite.autoscaler.api.v1alpha1.ScalingPolicyStatus;
import io.perfsuite.testsupport.PrometheusTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/**
 * The controller against fabric8's mock API server in CRUD mode and a real Prometheus; the demand comes from
 * constant PromQL ({@code vector(900)}), so each test controls what the policy sees.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@WithTestResource(PrometheusTestResource.class)
class ScalingPolicyReconcilerTest {

    private static final Duration BOUND = Duration.ofSeconds(30);

    @Inject
    KubernetesClient client;

    @KubernetesTestServer
    KubernetesServer mockServer;

    private ScalingPolicy status(String namespace, String name) {
        return client.resources(ScalingPolicy.class).inNamespace(namespace).withName(name).get();
    }

    private static Condition condition(ScalingPolicy policy, String type) {
        ScalingPolicyStatus status = policy == null ? null : policy.getStatus();
        if (status == null || status.conditions == null) {
            return null;
        }
        return status.conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
    }

    private int replicas(String namespace, String name) {
        return client.apps().deployments().inNamespace(namespace).withName(name).get().getSpec().getReplicas();
    }

    @Test
    void shouldPatchTheTargetsScaleFromTheMetricWithinBehaviourAndMax() {
        client.apps().deployments().inNamespace("shop").resource(Policies.deployment("shop", "web", 2)).create();
        client.resources(ScalingPolicy.class).inNamespace("shop")
                .resource(Policies.policy("shop", "web", "web", "vector(900)", 100, 1, 9)).create();

        await().atMost(BOUND).untilAsserted(() -> assertThat(replicas("shop", "web")).isEqualTo(9));

        await().atMost(BOUND).untilAsserted(() -> {
            ScalingPolicy policy = status("shop", "web");
            assertThat(policy.getStatus().currentReplicas).isEqualTo(9);
            assertThat(policy.getStatus().lastScaleTime).isNotNull();
            assertThat(policy.getStatus().observedGeneration).isNotNull();
            assertThat(policy.getStatus().lastDecision.metrics).containsEntry("demand", 900.0);
            assertThat(condition(policy, "Ready").getStatus()).isEqualTo("True");
            assertThat(condition(policy, "AbleToScale").getStatus()).isEqualTo("True");
            assertThat(condition(policy, "ScalingActive").getStatus()).isEqualTo("True");
            assertThat(condition(policy, "MetricsAvailable").getStatus()).isEqualTo("True");
        });
        List<Event> events = client.v1().events().inNamespace("shop").list().getItems();
        assertThat(events).filteredOn(e -> "Scaled".equals(e.getReason()))
                .extracting(Event::getMessage)
                .anySatisfy(m -> assertThat(m).contains("2 -> 6"))
                .anySatisfy(m -> assertThat(m).contains("6 -> 9"));
        assertThat(events).allSatisfy(e -> assertThat(e.getInvolvedObject().getKind()).isEqualTo("ScalingPolicy"));
    }

    @Test
    void shouldRejectMinAboveMaxWithAConditionNamingTheField() {
        client.apps().deployments().inNamespace("bad").resource(Policies.deployment("bad", "web", 3)).create();
        client.resources(ScalingPolicy.class).inNamespace("bad")
                .resource(Policies.policy("bad", "web", "web", "vector(900)", 100, 5, 2)).create();

        await().atMost(BOUND).untilAsserted(() -> {
            Condition ready = condition(status("bad", "web"), "Ready");
            assertThat(ready).isNotNull();
            assertThat(ready.getStatus()).isEqualTo("False");
            assertThat(ready.getReason()).isEqualTo("InvalidSpec");
            assertThat(ready.getMessage()).contains("spec.minReplicas");
        });
        assertThat(replicas("bad", "web")).isEqualTo(3);
    }

    @Test
    void shouldEvaluateAgainOnTheDefaultIntervalOnceAnInvalidSpecIsFixed() {
        client.apps().deployments().inNamespace("fixed").resource(Policies.deployment("fixed", "web", 2)).create();
        ScalingPolicy invalid = Policies.policy("fixed", "web", "web", "vector(300)", 100, 5, 2);
        invalid.getSpec().evaluationIntervalSeconds = null;
        client.resources(ScalingPolicy.class).inNamespace("fixed").resource(invalid).create();
        await().atMost(BOUND).untilAsserted(() -> assertThat(condition(status("fixed", "web"), "Ready"))
                .isNotNull().extracting(Condition::getReason).isEqualTo("InvalidSpec"));

        // the spec change alone brings it back: an invalid policy is not re-evaluated on an interval
        client.resources(ScalingPolicy.class).inNamespace("fixed").withName("web").edit(p -> {
            p.getSpec().minReplicas = 1;
            p.getSpec().maxReplicas = 9;
            return p;
        });

        await().atMost(BOUND).untilAsserted(() -> {
            ScalingPolicy policy = status("fixed", "web");
            assertThat(condition(policy, "Ready").getStatus()).isEqualTo("True");
            // no evaluationIntervalSeconds: autoscaler.evaluation.interval
            assertThat(condition(policy, "Ready").getMessage()).contains("evaluated every 15s");
            assertThat(policy.getStatus().observedGeneration).isEqualTo(policy.getMetadata().getGeneration());
            assertThat(replicas("fixed", "web")).isEqualTo(3);
        });
    }

    @Test
    void shouldReportButNotScaleInRecommendMode() {
        client.apps().deployments().inNamespace("dry").resource(Policies.deployment("dry", "web", 2)).create();
        ScalingPolicy policy = Policies.policy("dry", "web", "web", "vector(500)", 100, 1, 9);
        policy.getSpec().mode = ScalingPolicySpec.Mode.Recommend;
        client.resources(ScalingPolicy.class).inNamespace("dry").resource(policy).create();

        await().atMost(BOUND).untilAsserted(() -> assertThat(status("dry", "web").getStatus().recommendation)
                .isEqualTo(5));
        assertThat(replicas("dry", "web")).isEqualTo(2);
        given().get("/v1/policies/dry/web/decisions").then().statusCode(200)
                .body("size()", greaterThanOrEqualTo(1))
                .body("[0].mode", equalTo("RECOMMEND"))
                .body("[0].apply", equalTo(false));
    }

    @Test
    void shouldOwnAnHpaAndMoveItsFloorToTheScheduledMinimum() {
        client.apps().deployments().inNamespace("hpa").resource(Policies.deployment("hpa", "web", 2)).create();
        ScalingPolicy policy = Policies.policy("hpa", "web", "web", "vector(100)", 100, 1, 10);
        policy.getSpec().actuation = ScalingPolicySpec.Actuation.HPA;
        ScalingPolicySpec.ScheduleSpec always = new ScalingPolicySpec.ScheduleSpec();
        always.name = "all-day";
        always.cron = "* * * * *";
        always.durationSeconds = 3600;
        always.minReplicas = 4;
        policy.getSpec().schedules = List.of(always);
        ScalingPolicy created = client.resources(ScalingPolicy.class).inNamespace("hpa").resource(policy).create();

        await().atMost(BOUND).untilAsserted(() -> {
            HorizontalPodAutoscaler hpa = client.autoscaling().v2().horizontalPodAutoscalers().inNamespace("hpa")
                    .withName("web").get();
            assertThat(hpa).isNotNull();
            assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(4);
            assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(10);
            assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("web");
            assertThat(hpa.getMetadata().getOwnerReferences()).singleElement()
                    .satisfies(owner -> assertThat(owner.getUid()).isEqualTo(created.getMetadata().getUid()));
        });
        assertThat(client.v1().events().inNamespace("hpa").list().getItems())
                .anySatisfy(e -> assertThat(e.getReason()).isEqualTo("FloorMoved"));
        assertThat(replicas("hpa", "web")).as("the HPA scales the workload, not the controller").isEqualTo(2);
    }

    @Test
    void shouldDropADeletedPolicysStateAndLeaveItsHpaToTheGarbageCollector() {
        client.apps().deployments().inNamespace("gone").resource(Policies.deployment("gone", "web", 2)).create();
        ScalingPolicy policy = Policies.policy("gone", "web", "web", "vector(300)", 100, 1, 10);
        policy.getSpec().actuation = ScalingPolicySpec.Actuation.HPA;
        ScalingPolicy created = client.resources(ScalingPolicy.class).inNamespace("gone").resource(policy).create();
        await().atMost(BOUND).untilAsserted(() -> {
            given().get("/v1/policies/gone/web/decisions").then().statusCode(200);
            assertThat(client.autoscaling().v2().horizontalPodAutoscalers().inNamespace("gone").withName("web").get())
                    .isNotNull();
            assertThat(status("gone", "web").getMetadata().getFinalizers())
                    .contains("scalingpolicies.perfsuite.io/finalizer");
        });
        given().get("/q/metrics").then().body(containsString("policy=\"gone/web\""));

        // a real API server's garbage collector deletes the HPA through this reference (the mock server has none)
        HorizontalPodAutoscaler hpa = client.autoscaling().v2().horizontalPodAutoscalers().inNamespace("gone")
                .withName("web").get();
        assertThat(hpa.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
            assertThat(owner.getApiVersion()).isEqualTo("perfsuite.io/v1alpha1");
            assertThat(owner.getKind()).isEqualTo("ScalingPolicy");
            assertThat(owner.getName()).isEqualTo("web");
            assertThat(owner.getUid()).isEqualTo(created.getMetadata().getUid());
            assertThat(owner.getController()).isTrue();
            assertThat(owner.getBlockOwnerDeletion()).isTrue();
        });

        client.resources(ScalingPolicy.class).inNamespace("gone").withName("web").delete();

        await().atMost(BOUND).untilAsserted(() -> {
            assertThat(status("gone", "web")).as("the finalizer is released").isNull();
            given().get("/v1/policies/gone/web/decisions").then().statusCode(404);
        });
        given().get("/q/metrics").then().body(not(containsString("policy=\"gone/web\"")));
    }

    @Test
    void shouldHoldAndReportMetricsUnavailableWhenTheQueryHasNoData() {
        client.apps().deployments().inNamespace("dark").resource(Policies.deployment("dark", "web", 4)).create();
        client.resources(ScalingPolicy.class).inNamespace("dark")
                .resource(Policies.policy("dark", "web", "web", "perfsuite_metric_nobody_exports", 100, 1, 9))
                .create();

        await().atMost(BOUND).untilAsserted(() -> {
            ScalingPolicy policy = status("dark", "web");
            assertThat(condition(policy, "MetricsAvailable")).isNotNull();
            assertThat(condition(policy, "MetricsAvailable").getStatus()).isEqualTo("False");
            assertThat(condition(policy, "ScalingActive").getReason()).isEqualTo("FailedGetMetrics");
            assertThat(policy.getStatus().lastDecision.reason).isEqualTo("METRICS_UNAVAILABLE_HOLD");
        });
        assertThat(replicas("dark", "web")).as("missing data never scales down").isEqualTo(4);
    }

    @Test
    void shouldScaleAStatefulSetAndSayWhenTheMaximumLimitsIt() {
        client.apps().statefulSets().inNamespace("db").resource(Policies.statefulSet("db", "pg", 2)).create();
        ScalingPolicy policy = Policies.policy("db", "pg", "pg", "vector(2000)", 100, 1, 5);
        policy.getSpec().targetRef.kind = ScalingPolicySpec.TargetRef.Kind.StatefulSet;
        client.resources(ScalingPolicy.class).inNamespace("db").resource(policy).create();

        await().atMost(BOUND).untilAsserted(() -> {
            assertThat(client.apps().statefulSets().inNamespace("db").withName("pg").get().getSpec().getReplicas())
                    .isEqualTo(5);
            ScalingPolicyStatus status = status("db", "pg").getStatus();
            assertThat(status.currentReplicas).isEqualTo(5);
            assertThat(status.desiredReplicas).isEqualTo(5);
            assertThat(status.recommendation).isEqualTo(5);
            Condition limited = condition(status("db", "pg"), "ScalingLimited");
            assertThat(limited.getStatus()).isEqualTo("True");
            assertThat(limited.getReason()).isEqualTo("TooManyReplicas");
            // the metric asks for 20: the decision says what capped it and what it saw
            assertThat(status.lastDecision.reason).isEqualTo("CEILING");
            assertThat(status.lastDecision.rule).isEqualTo("maxReplicas");
            assertThat(status.lastDecision.from).isEqualTo(5);
            assertThat(status.lastDecision.to).isEqualTo(5);
            assertThat(status.lastDecision.metrics).containsEntry("demand", 2000.0);
            assertThat(Instant.parse(status.lastDecision.time)).isAfter(Instant.now().minus(BOUND));
        });
        assertThat(client.v1().events().inNamespace("db").list().getItems())
                .filteredOn(e -> "Scaled".equals(e.getReason())).extracting(Event::getMessage)
                .anySatisfy(m -> assertThat(m).contains("StatefulSet pg: 2 -> 5"));
    }

    @Test
    void shouldReportAMissingTargetAsUnableToScale() {
        client.resources(ScalingPolicy.class).inNamespace("ghost")
                .resource(Policies.policy("ghost", "web", "nothing-here", "vector(900)", 100, 1, 9)).create();

        await().atMost(BOUND).untilAsserted(() -> {
            ScalingPolicy policy = status("ghost", "web");
            assertThat(condition(policy, "AbleToScale")).isNotNull();
            assertThat(condition(policy, "AbleToScale").getStatus()).isEqualTo("False");
            assertThat(condition(policy, "AbleToScale").getReason()).isEqualTo("FailedGetScale");
            assertThat(condition(policy, "Ready").getStatus()).isEqualTo("False");
        });
    }

    @Test
    void shouldWarnAndReportWhenTheScaleWriteIsRefused() {
        // the API server refuses the write (an admission webhook, a quota, a missing RBAC verb); reads still work
        String scale = "/apis/apps/v1/namespaces/deny/deployments/web/scale";
        Status forbidden = new StatusBuilder().withStatus("Failure").withCode(403).withReason("Forbidden")
                .withMessage("scale writes refused by policy").build();
        mockServer.expect().put().withPath(scale).andReturn(403, forbidden).always();
        mockServer.expect().patch().withPath(scale).andReturn(403, forbidden).always();
        client.apps().deployments().inNamespace("deny").resource(Policies.deployment("deny", "web", 2)).create();
        client.resources(ScalingPolicy.class).inNamespace("deny")
                .resource(Policies.policy("deny", "web", "web", "vector(900)", 100, 1, 9)).create();

        await().atMost(BOUND).untilAsserted(() -> {
            Condition able = condition(status("deny", "web"), "AbleToScale");
            assertThat(able).isNotNull();
            assertThat(able.getStatus()).isEqualTo("False");
            assertThat(able.getReason()).isEqualTo("FailedUpdateScale");
            assertThat(client.v1().events().inNamespace("deny").list().getItems())
                    .anySatisfy(e -> {
                        assertThat(e.getReason()).isEqualTo("FailedRescale");
                        assertThat(e.getType()).isEqualTo("Warning");
                    });
        });
        assertThat(replicas("deny", "web")).isEqualTo(2);
    }

    @Test
    void shouldAnswerNotFoundForAnUnknownPolicysDecisions() {
        given().get("/v1/policies/nowhere/nothing/decisions").then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
    }
}
