package io.perfsuite.autoscaler.scaling;

import jakarta.enterprise.context.ApplicationScoped;

import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Scalable;
import io.perfsuite.autoscaler.api.v1alpha1.ScalingPolicySpec;

/**
 * Reads and sets a Deployment's or StatefulSet's replicas through the scale subresource, the same door HPA uses, so
 * RBAC can grant {@code deployments/scale} without write access to the workload itself.
 */
@ApplicationScoped
public class ScaleSubresourceActuator {

    private final KubernetesClient client;
    private final ApiRetry retry;

    ScaleSubresourceActuator(KubernetesClient client, ApiRetry retry) {
        this.client = client;
        this.retry = retry;
    }

    /** @throws TargetNotFoundException when the workload does not exist */
    public int currentReplicas(ScaleTarget target) {
        Scale scale = retry.call("reading the scale of " + target.name(), () -> workload(target).scale());
        if (scale == null) {
            throw new TargetNotFoundException(target);
        }
        Integer replicas = scale.getSpec() == null ? null : scale.getSpec().getReplicas();
        return replicas == null ? 1 : replicas;
    }

    /** Each attempt reads the scale again, so a conflict with another writer resolves on the fresh version. */
    public void scale(ScaleTarget target, int replicas) {
        retry.call("scaling " + target.name(), () -> workload(target).scale(replicas));
    }

    private Scalable<?> workload(ScaleTarget target) {
        if (target.kind() == ScalingPolicySpec.TargetRef.Kind.StatefulSet) {
            return client.apps().statefulSets().inNamespace(target.namespace()).withName(target.name());
        }
        return client.apps().deployments().inNamespace(target.namespace()).withName(target.name());
    }
}
