package io.perfsuite.autoscaler.backtest.simulation;

/**
 * @param underProvisionedMinutes time demand exceeded ready capacity
 * @param replicaHours replicas (ready or starting) integrated over time
 * @param scaleEvents scale actions taken
 * @param peakReplicas the most replicas at once
 * @param scoredMinutes the time accounted
 * @param recommendedReplicaHours the recommendations integrated over time: in Recommend mode what following them
 *        would have cost (the replicas themselves never change)
 * @param peakRecommendation the highest recommendation
 * @param recommendationChanges how often the recommendation changed: in Recommend mode the scale actions it would
 *        have taken
 */
public record SimulationSummary(double underProvisionedMinutes, double replicaHours, int scaleEvents, int peakReplicas,
        double scoredMinutes, double recommendedReplicaHours, int peakRecommendation, int recommendationChanges) {
}
