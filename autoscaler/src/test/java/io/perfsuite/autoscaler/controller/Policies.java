package io.perfsuite.autoscaler.controller;

import java.util.List;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.perfsuite.autoscaler.api.v1alpha1.ScalingPolicy;
import io.perfsuite.autoscaler.api.v1alpha1.ScalingPolicySpec;

/** Builders for the resources controller tests create. */
final class Policies {

    private Policies() {
    }

    static Deployment deployment(String namespace, String name, int replicas) {
        return new DeploymentBuilder()
                .withNewMetadata().withNamespace(namespace).withName(name).endMetadata()
                .withNewSpec().withReplicas(replicas)
                .withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("nginx").endContainer().endSpec()
                .endTemplate()
                .endSpec().build();
    }

    static StatefulSet statefulSet(String namespace, String name, int replicas) {
        return new StatefulSetBuilder()
                .withNewMetadata().withNamespace(namespace).withName(name).endMetadata()
                .withNewSpec().withReplicas(replicas).withServiceName(name)
                .withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("postgres").endContainer().endSpec()
                .endTemplate()
                .endSpec().build();
    }

    /** One AverageValue metric, evaluated every second. */
    static ScalingPolicy policy(String namespace, String name, String target, String query, double perReplica,
            int min, int max) {
        ScalingPolicySpec spec = new ScalingPolicySpec();
        spec.targetRef = new ScalingPolicySpec.TargetRef();
        spec.targetRef.kind = ScalingPolicySpec.TargetRef.Kind.Deployment;
        spec.targetRef.name = target;
        spec.minReplicas = min;
        spec.maxReplicas = max;
        spec.evaluationIntervalSeconds = 1;
        ScalingPolicySpec.MetricSpec metric = new ScalingPolicySpec.MetricSpec();
        metric.name = "demand";
        metric.query = query;
        metric.target = new ScalingPolicySpec.MetricTarget();
        metric.target.type = ScalingPolicySpec.MetricTarget.Type.AverageValue;
        metric.target.value = perReplica;
        spec.metrics = List.of(metric);
        ScalingPolicy policy = new ScalingPolicy();
        policy.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
        policy.setSpec(spec);
        return policy;
    }
}
