package io.perfsuite.autoscaler.decision;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything a {@link ScalingDecider} needs to know about one policy, already validated.
 *
 * @param stepCooldown after a step rule fires, no step rule fires again for this long
 * @param prediction {@code null} when prediction is off
 * @param pausedReplicas in {@link Mode#PAUSED}, the count to hold; {@code null} holds the current count
 */
public record PolicyRules(int minReplicas, int maxReplicas, List<MetricRule> metrics, Behavior behavior,
        double tolerance, List<StepRule> stepRules, Duration stepCooldown, List<Schedule> schedules,
        PredictionSettings prediction, FallbackSettings fallback, Mode mode, Integer pausedReplicas) {

    /** HPA's default {@code --horizontal-pod-autoscaler-tolerance}. */
    public static final double HPA_TOLERANCE = 0.1;

    public PolicyRules {
        if (minReplicas < 0 || maxReplicas < minReplicas) {
            throw new IllegalArgumentException("need 0 <= minReplicas <= maxReplicas");
        }
        metrics = List.copyOf(metrics);
        stepRules = List.copyOf(stepRules);
        schedules = List.copyOf(schedules);
        Objects.requireNonNull(behavior, "behavior");
        Objects.requireNonNull(stepCooldown, "stepCooldown");
        Objects.requireNonNull(fallback, "fallback");
        Objects.requireNonNull(mode, "mode");
        if (prediction != null && metric(prediction.metric(), metrics) == null) {
            throw new IllegalArgumentException("prediction metric " + prediction.metric() + " is not a metric");
        }
        for (StepRule rule : stepRules) {
            if (metric(rule.metric(), metrics) == null) {
                throw new IllegalArgumentException("step rule metric " + rule.metric() + " is not a metric");
            }
        }
    }

    /** A plain HPA on the given metrics with default behaviour and tolerance, in Auto mode. */
    public static PolicyRules hpa(int minReplicas, int maxReplicas, List<MetricRule> metrics) {
        return new PolicyRules(minReplicas, maxReplicas, metrics, Behavior.hpaDefault(), HPA_TOLERANCE, List.of(),
                Duration.ZERO, List.of(), null, FallbackSettings.holdOnly(), Mode.AUTO, null);
    }

    public PolicyRules withBehavior(Behavior value) {
        return new PolicyRules(minReplicas, maxReplicas, metrics, value, tolerance, stepRules, stepCooldown, schedules,
                prediction, fallback, mode, pausedReplicas);
    }

    public PolicyRules withStepRules(List<StepRule> value, Duration cooldown) {
        return new PolicyRules(minReplicas, maxReplicas, metrics, behavior, tolerance, value, cooldown, schedules,
                prediction, fallback, mode, pausedReplicas);
    }

    public PolicyRules withSchedules(List<Schedule> value) {
        return new PolicyRules(minReplicas, maxReplicas, metrics, behavior, tolerance, stepRules, stepCooldown, value,
                prediction, fallback, mode, pausedReplicas);
    }

    public PolicyRules withPrediction(PredictionSettings value) {
        return new PolicyRules(minReplicas, maxReplicas, metrics, behavior, tolerance, stepRules, stepCooldown,
                schedules, value, fallback, mode, pausedReplicas);
    }

    public PolicyRules withFallback(FallbackSettings value) {
        return new PolicyRules(minReplicas, maxReplicas, metrics, behavior, tolerance, stepRules, stepCooldown,
                schedules, prediction, value, mode, pausedReplicas);
    }

    public PolicyRules withMode(Mode value, Integer paused) {
        return new PolicyRules(minReplicas, maxReplicas, metrics, behavior, tolerance, stepRules, stepCooldown,
                schedules, prediction, fallback, value, paused);
    }

    public MetricRule metric(String name) {
        return metric(name, metrics);
    }

    private static MetricRule metric(String name, List<MetricRule> metrics) {
        return metrics.stream().filter(m -> m.name().equals(name)).findFirst().orElse(null);
    }
}
