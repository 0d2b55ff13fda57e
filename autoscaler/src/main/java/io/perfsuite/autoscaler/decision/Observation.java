package io.perfsuite.autoscaler.decision;

import java.util.Map;
import java.util.OptionalDouble;

/**
 * What one evaluation saw: the workload's current replica count and each metric's value. A metric absent from the
 * map (or NaN) could not be read.
 */
public record Observation(int currentReplicas, Map<String, Double> metrics) {

    public Observation {
        if (currentReplicas < 0) {
            throw new IllegalArgumentException("current replicas must not be negative");
        }
        metrics = Map.copyOf(metrics);
    }

    public OptionalDouble metric(String name) {
        Double value = metrics.get(name);
        return value == null || value.isNaN() ? OptionalDouble.empty() : OptionalDouble.of(value);
    }
}
