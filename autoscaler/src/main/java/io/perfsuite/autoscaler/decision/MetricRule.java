package io.perfsuite.autoscaler.decision;

import java.util.Objects;

/**
 * A named metric the policy reads. Without a target it only feeds step rules or prediction.
 *
 * @param name the name step rules and prediction refer to
 * @param type how the value compares with the target, {@code null} when the metric has no target
 * @param target the target value, positive when {@code type} is set
 */
public record MetricRule(String name, TargetType type, double target) {

    public MetricRule {
        Objects.requireNonNull(name, "name");
        if (type != null && !(target > 0)) {
            throw new IllegalArgumentException("target of metric " + name + " must be positive");
        }
    }

    public static MetricRule withoutTarget(String name) {
        return new MetricRule(name, null, 0);
    }

    public boolean hasTarget() {
        return type != null;
    }
}
