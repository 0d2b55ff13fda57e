package io.perfsuite.autoscaler.backtest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.perfsuite.autoscaler.backtest.simulation.DemandPoint;
import io.perfsuite.autoscaler.backtest.simulation.ReferenceHpa;
import io.perfsuite.autoscaler.backtest.simulation.SimulationResult;
import io.perfsuite.autoscaler.backtest.simulation.SimulationSettings;
import io.perfsuite.autoscaler.backtest.simulation.SimulationStep;
import io.perfsuite.autoscaler.backtest.simulation.Simulator;
import io.perfsuite.autoscaler.decision.MetricRule;
import io.perfsuite.autoscaler.decision.PolicyRules;

/** Runs a policy and the reference HPA over the same demand and puts the two bills side by side. */
public final class Backtest {

    private Backtest() {
    }

    public static BacktestReport compare(PolicyRules policy, MetricRule demandMetric, List<DemandPoint> demand,
            SimulationSettings settings, boolean includeSteps) {
        SimulationResult ours = Simulator.run(policy, demand, settings);
        SimulationResult reference = Simulator.run(ReferenceHpa.of(policy, demandMetric), demand,
                new SimulationSettings(settings.capacityPerReplica(), settings.podStartup(), Duration.ofSeconds(15),
                        settings.initialReplicas(), settings.scoreFrom()));
        double refUnder = reference.summary().underProvisionedMinutes();
        Double reduction = refUnder == 0 ? null : 1 - ours.summary().underProvisionedMinutes() / refUnder;
        double ratio = reference.summary().replicaHours() == 0
                ? 1
                : ours.summary().replicaHours() / reference.summary().replicaHours();
        List<BacktestReport.Step> steps = new ArrayList<>();
        if (includeSteps) {
            for (int i = 0; i < ours.steps().size(); i++) {
                SimulationStep a = ours.steps().get(i);
                SimulationStep b = reference.steps().get(i);
                steps.add(new BacktestReport.Step(a.time(), a.demand(), a.replicas(), a.readyCapacity(),
                        a.recommendation(), b.replicas(), b.readyCapacity()));
            }
        }
        return new BacktestReport(side(ours), side(reference), reduction, ratio, steps);
    }

    private static BacktestReport.Side side(SimulationResult result) {
        Map<String, Integer> reasons = new LinkedHashMap<>();
        result.decidingReasons().forEach((reason, count) -> reasons.put(reason.name(), count));
        return new BacktestReport.Side(result.mode().name(), result.summary(), reasons);
    }

    /** The metric carrying demand: the named one, else the predicted one, else the first with a target. */
    public static MetricRule demandMetric(PolicyRules rules, String name) {
        if (name != null) {
            return rules.metric(name);
        }
        if (rules.prediction() != null) {
            return rules.metric(rules.prediction().metric());
        }
        return rules.metrics().stream().filter(MetricRule::hasTarget).findFirst().orElse(null);
    }

    /** Replicas that meet the first demand point at the metric's target, within the policy's bounds. */
    public static int initialReplicas(PolicyRules rules, MetricRule metric, double firstDemand, double capacity) {
        double perReplica = metric.type() == io.perfsuite.autoscaler.decision.TargetType.AVERAGE_VALUE
                ? metric.target()
                : capacity;
        int replicas = (int) Math.ceil(firstDemand / perReplica);
        return Math.max(rules.minReplicas(), Math.min(rules.maxReplicas(), Math.max(1, replicas)));
    }

    static Instant scoreFrom(List<DemandPoint> demand, Long seconds) {
        return seconds == null ? null : demand.get(0).time().plusSeconds(seconds);
    }
}
