package io.perfsuite.autoscaler.scaling;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingPolicyBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingRules;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingRulesBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpecBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricTargetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.perfsuite.autoscaler.api.v1alpha1.ScalingPolicy;
import io.perfsuite.autoscaler.api.v1alpha1.ScalingPolicySpec;
import io.perfsuite.autoscaler.decision.PolicyRules;
import io.perfsuite.autoscaler.decision.RatePolicy;
import io.perfsuite.autoscaler.decision.ScalingRules;

/**
 * HPA actuation: the policy owns an autoscaling/v2 HPA for its target (same name as the policy, owner reference to
 * it, so it goes when the policy goes). The HPA does fast reactive scaling on its metrics; the controller only moves
 * its minReplicas floor ahead of forecast and scheduled load. The policy's metrics become External metrics of the
 * same name: a Prometheus adapter has to serve them under those names.
 */
@ApplicationScoped
public class HpaActuator {

    private final KubernetesClient client;
    private final ApiRetry retry;

    HpaActuator(KubernetesClient client, ApiRetry retry) {
        this.client = client;
        this.retry = retry;
    }

    /**
     * Creates or updates the owned HPA with {@code floor} as its minReplicas; returns the HPA's previous floor. A
     * conflict or a failing API server is retried from the read.
     */
    public Integer ensureHpaOwned(ScalingPolicy policy, PolicyRules rules, int floor, int ceiling) {
        return retry.call("updating HPA " + policy.getMetadata().getName(),
                () -> writeHpa(policy, rules, floor, ceiling));
    }

    private Integer writeHpa(ScalingPolicy policy, PolicyRules rules, int floor, int ceiling) {
        String namespace = policy.getMetadata().getNamespace();
        String name = policy.getMetadata().getName();
        HorizontalPodAutoscaler existing = client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(namespace)
                .withName(name).get();
        Integer previous = existing == null ? null : existing.getSpec().getMinReplicas();
        ScalingPolicySpec.TargetRef target = policy.getSpec().targetRef;
        HorizontalPodAutoscaler hpa = new HorizontalPodAutoscalerBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace)
                .addToLabels("app.kubernetes.io/managed-by", "perfsuite-autoscaler")
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion(policy.getApiVersion())
                        .withKind(policy.getKind()).withName(name).withUid(policy.getMetadata().getUid())
                        .withController(true).withBlockOwnerDeletion(true).build())
                .endMetadata()
                .withNewSpec()
                .withNewScaleTargetRef().withApiVersion(target.apiVersion).withKind(target.kind.name())
                .withName(target.name).endScaleTargetRef()
                .withMinReplicas(Math.max(1, floor))
                .withMaxReplicas(Math.max(Math.max(1, floor), ceiling))
                .withMetrics(metrics(policy.getSpec()))
                .withNewBehavior()
                .withScaleUp(rules(rules.behavior().scaleUp()))
                .withScaleDown(rules(rules.behavior().scaleDown()))
                .endBehavior()
                .endSpec()
                .build();
        if (existing != null) {
            hpa.getMetadata().setResourceVersion(null);
        }
        client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(namespace).resource(hpa)
                .createOr(NonDeletingOperation::update);
        return previous;
    }

    private static List<MetricSpec> metrics(ScalingPolicySpec spec) {
        List<MetricSpec> metrics = new ArrayList<>();
        for (ScalingPolicySpec.MetricSpec metric : spec.metrics) {
            if (metric.target == null) {
                continue;
            }
            MetricTargetBuilder target = new MetricTargetBuilder();
            switch (metric.target.type) {
                case Utilization -> target.withType("Utilization")
                        .withAverageUtilization((int) Math.round(metric.target.value));
                case AverageValue -> target.withType("AverageValue")
                        .withNewAverageValue(String.valueOf(metric.target.value));
                case Value -> target.withType("Value").withNewValue(String.valueOf(metric.target.value));
            }
            if (metric.target.type == ScalingPolicySpec.MetricTarget.Type.Utilization
                    && ("cpu".equals(metric.name) || "memory".equals(metric.name))) {
                metrics.add(new MetricSpecBuilder().withType("Resource").withNewResource().withName(metric.name)
                        .withTarget(target.build()).endResource().build());
            } else {
                metrics.add(new MetricSpecBuilder().withType("External").withNewExternal().withNewMetric()
                        .withName(metric.name).endMetric().withTarget(target.build()).endExternal().build());
            }
        }
        return metrics;
    }

    private static HPAScalingRules rules(ScalingRules rules) {
        HPAScalingRulesBuilder builder = new HPAScalingRulesBuilder()
                .withStabilizationWindowSeconds((int) rules.stabilizationWindow().toSeconds())
                .withSelectPolicy(switch (rules.select()) {
                    case MAX -> "Max";
                    case MIN -> "Min";
                    case DISABLED -> "Disabled";
                });
        for (RatePolicy policy : rules.policies()) {
            builder.addToPolicies(new HPAScalingPolicyBuilder()
                    .withType(policy.kind() == RatePolicy.Kind.PODS ? "Pods" : "Percent").withValue(policy.value())
                    .withPeriodSeconds((int) policy.period().toSeconds()).build());
        }
        return builder.build();
    }
}
