package io.perfsuite.autoscaler.decision;

/**
 * KEDA's {@code fallback}: after {@code failureThreshold} evaluations in a row without any metric, hold at least
 * {@code replicas} ({@code null}: just hold). Missing data never scales down.
 */
public record FallbackSettings(int failureThreshold, Integer replicas) {

    public FallbackSettings {
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("failureThreshold must be at least 1");
        }
        if (replicas != null && replicas < 0) {
            throw new IllegalArgumentException("fallback replicas must not be negative");
        }
    }

    public static FallbackSettings holdOnly() {
        return new FallbackSettings(3, null);
    }
}
