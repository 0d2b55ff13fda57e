package io.perfsuite.autoscaler.backtest.simulation;

import java.time.Instant;

/** Demand at a time, in the unit capacity per replica is given in (requests/s, jobs, ...). */
public record DemandPoint(Instant time, double value) {
}
