package io.perfsuite.autoscaler.backtest.simulation;

import java.util.List;

import io.perfsuite.autoscaler.decision.Reason;

/**
 * @param steps every demand point with the replicas that met it
 * @param summary the bill
 * @param decidingReasons how often each reason decided a scale action
 */
public record SimulationResult(List<SimulationStep> steps, SimulationSummary summary,
        java.util.Map<Reason, Integer> decidingReasons) {
}
