package io.perfsuite.autoscaler.decision;

import java.time.Instant;
import java.util.Map;

/**
 * One evaluation explained: what was seen, what was decided, and why.
 *
 * @param from the replica count before
 * @param to the count to run: equal to {@code from} unless {@link #apply()}
 * @param recommendation what the policy would run in Auto mode (what Recommend mode reports)
 * @param apply whether the actuator should change the count (Auto, or Paused with a fixed count)
 * @param reason the rule or input that decided the recommendation
 * @param rule the rule's name, e.g. the metric, schedule or step rule
 * @param message a sentence for people
 * @param metrics the metric values seen (missing ones absent)
 * @param forecast the forecast peak over the horizon, {@code null} without prediction
 * @param forecastMethod how the forecast was made (seasonal-naive, holt)
 * @param predictedReplicas the replicas the forecast needs, {@code null} without a forecast
 * @param scheduleFloor the highest active schedule floor, {@code null} if none
 * @param scheduleCeiling the highest active schedule ceiling, {@code null} if none
 * @param limited whether min/max or a schedule clamped the recommendation (HPA's ScalingLimited)
 * @param metricsAvailable whether at least one metric was read (or the policy has none)
 * @param failedEvaluations evaluations in a row without any metric
 */
public record ScalingDecision(Instant time, Mode mode, int from, int to, int recommendation, boolean apply,
        Reason reason, String rule, String message, Map<String, Double> metrics, Double forecast,
        String forecastMethod, Integer predictedReplicas, Integer scheduleFloor, Integer scheduleCeiling, boolean limited,
        boolean metricsAvailable, int failedEvaluations) {

    public ScalingDecision {
        metrics = Map.copyOf(metrics);
    }

    public boolean changesReplicas() {
        return apply && to != from;
    }
}
