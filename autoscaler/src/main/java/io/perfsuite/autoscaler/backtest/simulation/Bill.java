package io.perfsuite.autoscaler.backtest.simulation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What one side cost over a stretch of a replay: minutes under-provisioned and replica-hours.
 */
public record Bill(double underMinutes, double replicaHours) {

    public static final Bill ZERO = new Bill(0, 0);

    public Bill plus(Bill other) {
        return new Bill(underMinutes + other.underMinutes, replicaHours + other.replicaHours);
    }

    /** The bill of the steps in {@code [from, to)}, each step lasting until the next one. */
    public static Bill of(List<SimulationStep> steps, Instant from, Instant to) {
        double under = 0;
        double replicaSeconds = 0;
        for (int i = 0; i < steps.size(); i++) {
            SimulationStep step = steps.get(i);
            if (step.time().isBefore(from) || !step.time().isBefore(to)) {
                continue;
            }
            double dt = (i + 1 < steps.size()
                    ? Duration.between(step.time(), steps.get(i + 1).time())
                    : Duration.between(steps.get(i - 1).time(), step.time())).toMillis() / 1000.0;
            replicaSeconds += step.replicas() * dt;
            if (step.demand() > step.readyCapacity() * (1 + 1e-9)) {
                under += dt;
            }
        }
        return new Bill(under / 60, replicaSeconds / 3600);
    }
}
