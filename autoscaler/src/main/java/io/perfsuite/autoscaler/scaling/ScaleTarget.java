package io.perfsuite.autoscaler.scaling;

import io.perfsuite.autoscaler.api.v1alpha1.ScalingPolicySpec;

/** The workload a policy scales. */
public record ScaleTarget(String namespace, ScalingPolicySpec.TargetRef.Kind kind, String name) {
}
