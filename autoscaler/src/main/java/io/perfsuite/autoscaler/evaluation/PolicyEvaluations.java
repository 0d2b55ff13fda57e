package io.perfsuite.autoscaler.evaluation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.perfsuite.autoscaler.api.v1alpha1.ScalingPolicySpec;
import io.perfsuite.autoscaler.config.AutoscalerConfig;
import io.perfsuite.autoscaler.decision.Observation;
import io.perfsuite.autoscaler.decision.PolicyRules;
import io.perfsuite.autoscaler.decision.PredictionSettings;
import io.perfsuite.autoscaler.decision.ScalingDecider;
import io.perfsuite.autoscaler.decision.ScalingDecision;
import io.perfsuite.autoscaler.metrics.MetricSample;
import io.perfsuite.autoscaler.metrics.PrometheusClient;
import io.perfsuite.autoscaler.metrics.PrometheusQueryException;

/**
 * One decider per policy and its recent decisions: reads the policy's metrics from Prometheus, asks the decider,
 * remembers the answer. Used by the reconciler and by local mode alike.
 */
@ApplicationScoped
public class PolicyEvaluations {

    private static final Logger LOG = Logger.getLogger(PolicyEvaluations.class);
    /**
     * A policy not evaluated for this long is forgotten: deleted ones go at once ({@link #remove}), this catches a
     * policy whose reconciliation moved to another leader, or a deletion missed while this replica was not leading.
     */
    static final Duration FORGET_AFTER = Duration.ofHours(1);
    /** Prometheus answers at most 11,000 points per range query. */
    private static final int MAX_SEED_POINTS = 10_000;

    private final ConcurrentMap<PolicyKey, Tracked> tracked = new ConcurrentHashMap<>();
    private final PrometheusClient prometheus;
    private final Clock clock;
    private final int historySize;
    private final MeterRegistry registry;

    PolicyEvaluations(PrometheusClient prometheus, Clock clock, AutoscalerConfig config, MeterRegistry registry) {
        this.prometheus = prometheus;
        this.clock = clock;
        this.historySize = config.evaluation().history();
        this.registry = registry;
    }

    /**
     * Reads the metrics, decides, and records the decision. A metric Prometheus cannot answer is missing for the
     * decider (which then never scales down on it) and comes back as a problem naming its field.
     */
    public PolicyEvaluation evaluate(PolicyKey key, PolicyRules rules, List<ScalingPolicySpec.MetricSpec> metrics,
            int currentReplicas) {
        forgetIdle();
        Tracked t = tracked.computeIfAbsent(key, k -> new Tracked(new ScalingDecider(rules, clock)));
        synchronized (t) {
            t.lastEvaluated = clock.instant();
            t.decider.update(rules);
            if (rules.prediction() != null && !t.seeded) {
                seed(t, rules.prediction(), metrics);
            }
            Map<String, Double> values = new HashMap<>();
            List<MetricProblem> problems = new ArrayList<>();
            for (int i = 0; i < metrics.size(); i++) {
                ScalingPolicySpec.MetricSpec metric = metrics.get(i);
                try {
                    OptionalDouble value = prometheus.value(metric.query);
                    value.ifPresent(v -> values.put(metric.name, v));
                } catch (PrometheusQueryException e) {
                    LOG.debugf("policy %s metric %s unavailable: %s", key, metric.name, e.getMessage());
                    problems.add(new MetricProblem("spec.metrics[" + i + "].query", e.rejected(), e.getMessage()));
                }
            }
            ScalingDecision decision = t.decider.decide(new Observation(currentReplicas, values));
            t.history.addLast(decision);
            while (t.history.size() > historySize) {
                t.history.removeFirst();
            }
            registry.counter("autoscaler.evaluations", "policy", key.toString(), "reason",
                    decision.reason().name()).increment();
            return new PolicyEvaluation(decision, problems);
        }
    }

    /** The policy's recent decisions, oldest first; empty when the policy is unknown. */
    public Optional<List<ScalingDecision>> decisions(PolicyKey key) {
        Tracked t = tracked.get(key);
        if (t == null) {
            return Optional.empty();
        }
        synchronized (t) {
            return Optional.of(new ArrayList<>(t.history));
        }
    }

    /** Drops the policy's decider and decisions (its spec became invalid: windows start over once it is fixed). */
    public void forget(PolicyKey key) {
        tracked.remove(key);
    }

    /** The policy was deleted: drops its state and its per-policy meters. */
    public void remove(PolicyKey key) {
        forget(key);
        String policy = key.toString();
        registry.getMeters().stream()
                .filter(m -> m.getId().getName().startsWith("autoscaler.") && policy.equals(m.getId().getTag("policy")))
                .toList()
                .forEach(registry::remove);
    }

    private void forgetIdle() {
        Instant cutoff = clock.instant().minus(FORGET_AFTER);
        tracked.entrySet().removeIf(e -> e.getValue().lastEvaluated != null
                && e.getValue().lastEvaluated.isBefore(cutoff));
    }

    /** Fills the forecaster's history from Prometheus so prediction works from the first evaluation. */
    private void seed(Tracked t, PredictionSettings prediction, List<ScalingPolicySpec.MetricSpec> metrics) {
        t.seeded = true;
        String query = metrics.stream().filter(m -> m.name.equals(prediction.metric())).map(m -> m.query)
                .findFirst().orElse(null);
        if (query == null) {
            return;
        }
        Instant to = clock.instant();
        Duration step = prediction.step();
        Duration lookback = prediction.lookback();
        if (lookback.dividedBy(step) > MAX_SEED_POINTS) {
            step = lookback.dividedBy(MAX_SEED_POINTS);
        }
        try {
            List<MetricSample> samples = prometheus.range(query, to.minus(lookback), to, step);
            samples.forEach(s -> t.decider.seedHistory(s.time(), s.value()));
        } catch (PrometheusQueryException e) {
            LOG.debugf("no history to seed prediction: %s", e.getMessage());
        }
    }

    private static final class Tracked {
        final ScalingDecider decider;
        final Deque<ScalingDecision> history = new ArrayDeque<>();
        boolean seeded;
        volatile Instant lastEvaluated;

        Tracked(ScalingDecider decider) {
            this.decider = decider;
        }
    }
}
