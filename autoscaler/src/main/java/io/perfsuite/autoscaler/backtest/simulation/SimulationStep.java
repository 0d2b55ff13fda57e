package io.perfsuite.autoscaler.backtest.simulation;

import java.time.Instant;

/** One demand point as the simulated workload met it. */
public record SimulationStep(Instant time, double demand, int replicas, int readyReplicas, double readyCapacity) {

    public boolean underProvisioned() {
        return demand > readyCapacity;
    }
}
