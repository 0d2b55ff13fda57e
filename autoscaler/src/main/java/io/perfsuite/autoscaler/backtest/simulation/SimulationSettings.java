package io.perfsuite.autoscaler.backtest.simulation;

import java.time.Duration;
import java.time.Instant;

/**
 * @param capacityPerReplica demand one ready replica serves; above it the workload is under-provisioned
 * @param podStartup time from a scale-up until the new pods serve
 * @param interval time between evaluations
 * @param initialReplicas replicas (all ready) at the start
 * @param scoreFrom accounting starts here (earlier steps only warm the policy up); {@code null} from the start
 */
public record SimulationSettings(double capacityPerReplica, Duration podStartup, Duration interval, int initialReplicas,
        Instant scoreFrom) {

    public SimulationSettings {
        if (!(capacityPerReplica > 0)) {
            throw new IllegalArgumentException("capacityPerReplica must be positive");
        }
        if (podStartup.isNegative() || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("podStartup must not be negative and interval must be positive");
        }
        if (initialReplicas < 0) {
            throw new IllegalArgumentException("initialReplicas must not be negative");
        }
    }
}
