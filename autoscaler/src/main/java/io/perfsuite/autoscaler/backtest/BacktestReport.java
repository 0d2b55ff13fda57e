package io.perfsuite.autoscaler.backtest;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.perfsuite.autoscaler.backtest.simulation.SimulationSummary;

/**
 * The policy and the reference HPA on the same series, side by side.
 *
 * @param underProvisionedReduction 1 - policy / reference under-provisioned minutes (0.6 = 60 % fewer); null when
 *        the reference had none
 * @param replicaHoursRatio policy / reference replica-hours
 */
public record BacktestReport(Side policy, Side referenceHpa, Double underProvisionedReduction,
        double replicaHoursRatio, List<Step> steps) {

    /** @param mode AUTO, RECOMMEND (replicas never change; the summary's recommended* fields say what it advised), PAUSED */
    public record Side(String mode, SimulationSummary summary, Map<String, Integer> decidingReasons) {
    }

    /** One step: demand, and each side's replicas and ready capacity, and the policy's recommendation. */
    public record Step(Instant time, double demand, int policyReplicas, double policyReadyCapacity,
            int policyRecommendation, int referenceReplicas, double referenceReadyCapacity) {
    }
}
