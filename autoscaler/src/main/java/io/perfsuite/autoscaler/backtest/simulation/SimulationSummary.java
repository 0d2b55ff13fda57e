package io.perfsuite.autoscaler.backtest.simulation;

/**
 * @param underProvisionedMinutes time demand exceeded ready capacity
 * @param replicaHours replicas (ready or starting) integrated over time
 * @param scaleEvents scale actions taken
 * @param peakReplicas the most replicas at once
 * @param scoredMinutes the time accounted
 */
public record SimulationSummary(double underProvisionedMinutes, double replicaHours, int scaleEvents, int peakReplicas,
        double scoredMinutes) {
}
