package io.perfsuite.autoscaler.backtest.simulation;

import java.util.List;

import io.perfsuite.autoscaler.decision.Mode;
import io.perfsuite.autoscaler.decision.Reason;

/**
 * @param steps every demand point with the replicas that met it
 * @param summary the bill
 * @param mode the mode the policy ran in
 * @param decidingReasons how often each reason decided a scale action (in Recommend mode: a change of the
 *        recommendation)
 */
public record SimulationResult(List<SimulationStep> steps, SimulationSummary summary, Mode mode,
        java.util.Map<Reason, Integer> decidingReasons) {
}
