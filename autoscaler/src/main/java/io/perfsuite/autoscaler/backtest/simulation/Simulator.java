package io.perfsuite.autoscaler.backtest.simulation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.perfsuite.autoscaler.decision.MetricRule;
import io.perfsuite.autoscaler.decision.Mode;
import io.perfsuite.autoscaler.decision.Observation;
import io.perfsuite.autoscaler.decision.PolicyRules;
import io.perfsuite.autoscaler.decision.Reason;
import io.perfsuite.autoscaler.decision.ScalingDecider;
import io.perfsuite.autoscaler.decision.ScalingDecision;
import io.perfsuite.autoscaler.decision.TargetType;

/**
 * Replays a demand series through a policy's decider, in the policy's mode: Auto acts, Recommend only records what it
 * would have done (replicas stay at the initial count), Paused holds or moves to {@code pausedReplicas}. Every evaluation sees the latest demand point (as an instant
 * query would); utilization metrics see demand over ready capacity, others the demand itself. New pods serve after
 * the start-up time; a scale-down removes starting pods first. A step is under-provisioned when its demand exceeds
 * the capacity of the ready pods.
 */
public final class Simulator {

    private Simulator() {
    }

    public static SimulationResult run(PolicyRules policy, List<DemandPoint> demand, SimulationSettings settings) {
        if (demand.size() < 2) {
            throw new IllegalArgumentException("a backtest needs at least two demand points");
        }
        // the policy as it would run: Recommend never changes the replicas (its recommendations are recorded beside),
        // Paused holds the initial count or moves to pausedReplicas once
        PolicyRules rules = policy;
        Instant start = demand.get(0).time();
        SimulatedClock clock = new SimulatedClock(start);
        ScalingDecider decider = new ScalingDecider(rules, clock);
        Deque<Instant> pods = new ArrayDeque<>();
        for (int i = 0; i < settings.initialReplicas(); i++) {
            pods.addLast(start.minus(settings.podStartup()));
        }
        List<SimulationStep> steps = new ArrayList<>(demand.size());
        Map<Reason, Integer> reasons = new EnumMap<>(Reason.class);
        Instant nextEvaluation = start;
        double underSeconds = 0;
        double replicaSeconds = 0;
        double scoredSeconds = 0;
        int events = 0;
        int peak = pods.size();
        int recommendation = pods.size();
        int peakRecommendation = recommendation;
        int recommendationChanges = 0;
        double recommendedSeconds = 0;
        double lastDemand = demand.get(0).value();
        int index = 0;
        for (int i = 0; i < demand.size(); i++) {
            DemandPoint point = demand.get(i);
            Instant t = point.time();
            // every evaluation due up to this point, each seeing the latest demand before it
            while (!nextEvaluation.isAfter(t)) {
                while (index < demand.size() && !demand.get(index).time().isAfter(nextEvaluation)) {
                    lastDemand = demand.get(index).value();
                    index++;
                }
                clock.set(nextEvaluation);
                int ready = ready(pods, nextEvaluation);
                ScalingDecision decision = decider.decide(
                        new Observation(pods.size(), metrics(rules, lastDemand, ready, settings)));
                boolean scored = !nextEvaluation.isBefore(scoreFrom(settings, start));
                if (decision.changesReplicas()) {
                    events += scored ? 1 : 0;
                    reasons.merge(decision.reason(), 1, Integer::sum);
                    resize(pods, decision.to(), nextEvaluation.plus(settings.podStartup()));
                    peak = Math.max(peak, pods.size());
                } else if (rules.mode() == Mode.RECOMMEND && decision.recommendation() != recommendation) {
                    // what a follower of the recommendations would have acted on, and why
                    reasons.merge(decision.reason(), 1, Integer::sum);
                }
                if (decision.recommendation() != recommendation) {
                    recommendationChanges += scored ? 1 : 0;
                    recommendation = decision.recommendation();
                }
                if (scored) {
                    peakRecommendation = Math.max(peakRecommendation, recommendation);
                }
                nextEvaluation = nextEvaluation.plus(settings.interval());
            }
            int ready = ready(pods, t);
            double capacity = ready * settings.capacityPerReplica();
            steps.add(new SimulationStep(t, point.value(), pods.size(), ready, capacity, recommendation));
            if (!t.isBefore(scoreFrom(settings, start))) {
                double dt = seconds(i + 1 < demand.size()
                        ? Duration.between(t, demand.get(i + 1).time())
                        : Duration.between(demand.get(i - 1).time(), t));
                scoredSeconds += dt;
                replicaSeconds += pods.size() * dt;
                recommendedSeconds += recommendation * dt;
                if (point.value() > capacity * (1 + 1e-9)) {
                    underSeconds += dt;
                }
            }
        }
        return new SimulationResult(steps,
                new SimulationSummary(underSeconds / 60, replicaSeconds / 3600, events, peak, scoredSeconds / 60,
                        recommendedSeconds / 3600, peakRecommendation, recommendationChanges),
                rules.mode(), reasons);
    }

    private static Instant scoreFrom(SimulationSettings settings, Instant start) {
        return settings.scoreFrom() == null ? start : settings.scoreFrom();
    }

    private static Map<String, Double> metrics(PolicyRules rules, double demand, int ready,
            SimulationSettings settings) {
        Map<String, Double> values = new HashMap<>();
        for (MetricRule metric : rules.metrics()) {
            if (metric.type() == TargetType.UTILIZATION) {
                values.put(metric.name(), ready == 0 ? 100.0 : 100 * demand / (ready * settings.capacityPerReplica()));
            } else {
                values.put(metric.name(), demand);
            }
        }
        return values;
    }

    private static int ready(Deque<Instant> pods, Instant at) {
        int ready = 0;
        for (Instant readyAt : pods) {
            if (!readyAt.isAfter(at)) {
                ready++;
            }
        }
        return ready;
    }

    /** Pods are kept oldest first, so the newest (least likely ready) go first on a scale-down. */
    private static void resize(Deque<Instant> pods, int target, Instant readyAt) {
        while (pods.size() < target) {
            pods.addLast(readyAt);
        }
        while (pods.size() > target) {
            pods.removeLast();
        }
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}
