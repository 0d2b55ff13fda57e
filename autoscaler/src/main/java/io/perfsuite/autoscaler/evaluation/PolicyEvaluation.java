package io.perfsuite.autoscaler.evaluation;

import java.util.List;

import io.perfsuite.autoscaler.decision.ScalingDecision;

/** One evaluation: the decision and the metrics it had to do without. */
public record PolicyEvaluation(ScalingDecision decision, List<MetricProblem> problems) {

    public PolicyEvaluation {
        problems = List.copyOf(problems);
    }

    public boolean anyRejected() {
        return problems.stream().anyMatch(MetricProblem::rejected);
    }
}
