package io.perfsuite.autoscaler.backtest.simulation;

import java.time.Instant;

/**
 * One demand point as the simulated workload met it.
 *
 * @param recommendation the policy's latest recommendation (equal to {@code replicas} in Auto once pods are asked
 *        for; in Recommend mode what it would have run)
 */
public record SimulationStep(Instant time, double demand, int replicas, int readyReplicas, double readyCapacity,
        int recommendation) {

    public boolean underProvisioned() {
        return demand > readyCapacity;
    }
}
