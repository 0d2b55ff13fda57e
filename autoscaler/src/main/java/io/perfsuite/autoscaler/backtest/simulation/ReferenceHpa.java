package io.perfsuite.autoscaler.backtest.simulation;

import java.util.List;

import io.perfsuite.autoscaler.decision.MetricRule;
import io.perfsuite.autoscaler.decision.PolicyRules;

/**
 * The peer every backtest is compared with: Kubernetes HPA v2 with default behaviour (scale-up 0 s window,
 * max(+100 %, +4 pods) per 15 s; scale-down 300 s window, 100 % per 15 s), 0.1 tolerance, on the policy's demand
 * metric and target, within the policy's min and max. No schedules, step rules or prediction.
 */
public final class ReferenceHpa {

    private ReferenceHpa() {
    }

    public static PolicyRules of(PolicyRules policy, MetricRule demandMetric) {
        return PolicyRules.hpa(policy.minReplicas(), policy.maxReplicas(), List.of(demandMetric));
    }
}
