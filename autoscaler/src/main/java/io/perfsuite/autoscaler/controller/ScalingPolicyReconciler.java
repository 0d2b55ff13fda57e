package io.perfsuite.autoscaler.controller;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.perfsuite.autoscaler.api.v1alpha1.ScalingPolicy;
import io.perfsuite.autoscaler.api.v1alpha1.ScalingPolicySpec;
import io.perfsuite.autoscaler.api.v1alpha1.ScalingPolicyStatus;
import io.perfsuite.autoscaler.config.AutoscalerConfig;
import io.perfsuite.autoscaler.decision.Mode;
import io.perfsuite.autoscaler.decision.PolicyRules;
import io.perfsuite.autoscaler.decision.ScalingDecision;
import io.perfsuite.autoscaler.evaluation.EvaluationSpans;
import io.perfsuite.autoscaler.evaluation.MetricProblem;
import io.perfsuite.autoscaler.evaluation.PolicyEvaluation;
import io.perfsuite.autoscaler.evaluation.PolicyEvaluations;
import io.perfsuite.autoscaler.evaluation.PolicyKey;
import io.perfsuite.autoscaler.policy.InvalidSpecException;
import io.perfsuite.autoscaler.policy.PolicySpecMapper;
import io.perfsuite.autoscaler.scaling.HpaActuator;
import io.perfsuite.autoscaler.scaling.ScaleSubresourceActuator;
import io.perfsuite.autoscaler.scaling.ScaleTarget;
import io.perfsuite.autoscaler.scaling.TargetNotFoundException;

/**
 * Reads a ScalingPolicy, asks the decider, applies the answer and reports it in status. Runs on spec changes and
 * then every evaluation interval (the reschedule is the clock: no informer on metrics).
 * <p>
 * A Cleaner (the SDK puts its finalizer on each policy) so a deleted policy's decider, decisions and meters leave
 * memory at once; the owned HPA needs nothing here: its owner reference lets the garbage collector remove it.
 */
@ControllerConfiguration(name = "scalingpolicy")
public class ScalingPolicyReconciler implements Reconciler<ScalingPolicy>, Cleaner<ScalingPolicy> {

    private static final Logger LOG = Logger.getLogger(ScalingPolicyReconciler.class);

    private final PolicyEvaluations evaluations;
    private final ScaleSubresourceActuator scaler;
    private final HpaActuator hpa;
    private final ScaleEvents events;
    private final Clock clock;
    private final Duration defaultInterval;
    private final MeterRegistry registry;
    private final EvaluationSpans spans;

    ScalingPolicyReconciler(PolicyEvaluations evaluations, ScaleSubresourceActuator scaler, HpaActuator hpa,
            ScaleEvents events, Clock clock, AutoscalerConfig config, MeterRegistry registry, EvaluationSpans spans) {
        this.spans = spans;
        this.evaluations = evaluations;
        this.scaler = scaler;
        this.hpa = hpa;
        this.events = events;
        this.clock = clock;
        this.defaultInterval = config.evaluation().interval();
        this.registry = registry;
    }

    @Override
    public UpdateControl<ScalingPolicy> reconcile(ScalingPolicy policy, Context<ScalingPolicy> context) {
        Instant now = clock.instant();
        PolicyKey key = new PolicyKey(policy.getMetadata().getNamespace(), policy.getMetadata().getName());
        long generation = policy.getMetadata().getGeneration() == null ? 0 : policy.getMetadata().getGeneration();
        ScalingPolicyStatus status = policy.getStatus() == null ? new ScalingPolicyStatus() : policy.getStatus();
        if (status.conditions == null) {
            status.conditions = new ArrayList<>();
        }
        policy.setStatus(status);
        status.observedGeneration = generation;
        ScalingPolicySpec spec = policy.getSpec();

        PolicyRules rules;
        try {
            rules = PolicySpecMapper.toRules(spec);
        } catch (InvalidSpecException e) {
            evaluations.forget(key);
            Conditions.set(status.conditions, Conditions.READY, false, "InvalidSpec", e.getMessage(), generation, now);
            Conditions.set(status.conditions, Conditions.SCALING_ACTIVE, false, "InvalidSpec", e.getMessage(),
                    generation, now);
            // no reschedule: only a spec change can fix it, and that triggers a reconcile
            return UpdateControl.patchStatus(policy);
        }
        Duration interval = spec.evaluationIntervalSeconds == null
                ? defaultInterval
                : Duration.ofSeconds(spec.evaluationIntervalSeconds);

        // the evaluation's span: its Prometheus queries and the patch nest under it
        Span span = spans.startEvaluation(key);
        try (Scope ignored = span.makeCurrent()) {
            return evaluateAndApply(policy, key, rules, interval, now, generation, span);
        } catch (RuntimeException e) {
            // the SDK retries; the trace shows what broke
            EvaluationSpans.failed(span, e);
            throw e;
        } finally {
            span.end();
        }
    }

    private UpdateControl<ScalingPolicy> evaluateAndApply(ScalingPolicy policy, PolicyKey key, PolicyRules rules,
            Duration interval, Instant now, long generation, Span span) {
        ScalingPolicySpec spec = policy.getSpec();
        ScalingPolicyStatus status = policy.getStatus();
        ScaleTarget target = new ScaleTarget(key.namespace(), spec.targetRef.kind, spec.targetRef.name);
        int current;
        try {
            current = scaler.currentReplicas(target);
        } catch (TargetNotFoundException | KubernetesClientException e) {
            EvaluationSpans.failed(span, e);
            Conditions.set(status.conditions, Conditions.ABLE_TO_SCALE, false, "FailedGetScale", e.getMessage(),
                    generation, now);
            Conditions.set(status.conditions, Conditions.READY, false, "FailedGetScale", e.getMessage(), generation,
                    now);
            return UpdateControl.patchStatus(policy).rescheduleAfter(interval);
        }

        PolicyEvaluation evaluation = evaluations.evaluate(key, rules, spec.metrics, current);
        ScalingDecision decision = evaluation.decision();
        EvaluationSpans.decided(span, decision);
        boolean ableToScale = true;
        String ableReason = "ReadyForNewScale";
        String ableMessage = "the target's scale can be read and written";
        if (spec.actuation == ScalingPolicySpec.Actuation.HPA) {
            if (rules.mode() == Mode.AUTO) {
                int ceiling = Math.max(rules.maxReplicas(),
                        decision.scheduleCeiling() == null ? 0 : decision.scheduleCeiling());
                int floor = Math.min(ceiling, Math.max(rules.minReplicas(), Math.max(
                        decision.scheduleFloor() == null ? 0 : decision.scheduleFloor(),
                        decision.predictedReplicas() == null ? 0 : decision.predictedReplicas())));
                try {
                    Integer previous = spans.patch("hpa floor patch", key.namespace(), "HorizontalPodAutoscaler",
                            key.name(), floor, () -> hpa.ensureHpaOwned(policy, rules, floor, ceiling));
                    status.desiredReplicas = floor;
                    if (previous == null || previous != floor) {
                        status.lastScaleTime = now.toString();
                        events.record(policy, "FloorMoved", "HPA " + key.name() + " minReplicas "
                                + (previous == null ? "(new)" : previous) + " -> " + floor + ": "
                                + decision.message(), false);
                    }
                } catch (KubernetesClientException e) {
                    ableToScale = false;
                    ableReason = "FailedUpdateHpa";
                    ableMessage = e.getMessage();
                    events.record(policy, "FailedUpdateHpa", e.getMessage(), true);
                }
            }
        } else if (decision.changesReplicas()) {
            try {
                spans.patch("scale patch", target.namespace(), target.kind().name(), target.name(), decision.to(),
                        () -> {
                            scaler.scale(target, decision.to());
                            return null;
                        });
                status.lastScaleTime = now.toString();
                ableReason = "SucceededRescale";
                registry.counter("autoscaler.scale.actions", "policy", key.toString()).increment();
                events.record(policy, "Scaled", String.format("%s %s: %d -> %d (%s, %s): %s", target.kind(),
                        target.name(), decision.from(), decision.to(), decision.reason(), decision.rule(),
                        decision.message()), false);
            } catch (KubernetesClientException e) {
                LOG.warnf("policy %s could not scale %s: %s", key, target.name(), e.getMessage());
                ableToScale = false;
                ableReason = "FailedUpdateScale";
                ableMessage = e.getMessage();
                events.record(policy, "FailedRescale", e.getMessage(), true);
            }
        }

        status.currentReplicas = current;
        if (spec.actuation != ScalingPolicySpec.Actuation.HPA) {
            status.desiredReplicas = decision.to();
        }
        status.recommendation = decision.recommendation();
        status.lastDecision = lastDecision(decision);
        Conditions.set(status.conditions, Conditions.READY, true, "Evaluating",
                "evaluated every " + interval.toSeconds() + "s in " + rules.mode() + " mode", generation, now);
        Conditions.set(status.conditions, Conditions.ABLE_TO_SCALE, ableToScale, ableReason, ableMessage, generation,
                now);
        if (rules.mode() == Mode.PAUSED) {
            Conditions.set(status.conditions, Conditions.SCALING_ACTIVE, false, "ScalingDisabled", "paused",
                    generation, now);
        } else {
            Conditions.set(status.conditions, Conditions.SCALING_ACTIVE, decision.metricsAvailable(),
                    decision.metricsAvailable() ? "ValidMetricFound" : "FailedGetMetrics", decision.message(),
                    generation, now);
        }
        Conditions.set(status.conditions, Conditions.SCALING_LIMITED, decision.limited(),
                decision.limited()
                        ? (decision.reason().name().equals("FLOOR") ? "TooFewReplicas" : "TooManyReplicas")
                        : "DesiredWithinRange",
                decision.limited() ? decision.message() : "the recommendation is within the bounds", generation, now);
        setMetricsAvailable(status, decision, evaluation, generation, now);
        return UpdateControl.patchStatus(policy).rescheduleAfter(interval);
    }

    /**
     * True only when every metric was read. A query Prometheus rejects names its field (InvalidQuery: only a spec
     * change helps); an unreachable or slow Prometheus says so (PrometheusUnavailable: the decider holds, never
     * scaling down on what it could not read, and falls back after failureThreshold evaluations).
     */
    private static void setMetricsAvailable(ScalingPolicyStatus status, ScalingDecision decision,
            PolicyEvaluation evaluation, long generation, Instant now) {
        if (evaluation.problems().isEmpty()) {
            Conditions.set(status.conditions, Conditions.METRICS_AVAILABLE, decision.metricsAvailable(),
                    decision.metricsAvailable() ? "MetricsRead" : "MetricsUnavailable",
                    decision.metricsAvailable()
                            ? decision.metrics().size() + " metric(s) read"
                            : "no data for " + decision.failedEvaluations() + " evaluation(s)",
                    generation, now);
            return;
        }
        String reason = evaluation.anyRejected() ? "InvalidQuery" : "PrometheusUnavailable";
        String consequence = decision.metricsAvailable()
                ? "deciding on the other metrics, no scale-down"
                : "no metric for " + decision.failedEvaluations() + " evaluation(s): " + decision.message();
        String problems = evaluation.problems().stream().map(MetricProblem::toString)
                .collect(java.util.stream.Collectors.joining("; "));
        Conditions.set(status.conditions, Conditions.METRICS_AVAILABLE, false, reason,
                problems + " (" + consequence + ")", generation, now);
    }

    @Override
    public DeleteControl cleanup(ScalingPolicy policy, Context<ScalingPolicy> context) {
        PolicyKey key = new PolicyKey(policy.getMetadata().getNamespace(), policy.getMetadata().getName());
        evaluations.remove(key);
        LOG.debugf("policy %s deleted: its evaluation state is dropped", key);
        // the SDK drops the pending reschedule of a deleted resource itself
        return DeleteControl.defaultDelete();
    }

    static ScalingPolicyStatus.LastDecision lastDecision(ScalingDecision decision) {
        ScalingPolicyStatus.LastDecision last = new ScalingPolicyStatus.LastDecision();
        last.time = decision.time().toString();
        last.from = decision.from();
        last.to = decision.to();
        last.recommendation = decision.recommendation();
        last.applied = decision.changesReplicas();
        last.reason = decision.reason().name();
        last.rule = decision.rule();
        last.message = decision.message();
        last.metrics = decision.metrics();
        last.forecast = decision.forecast();
        last.forecastMethod = decision.forecastMethod();
        last.scheduleFloor = decision.scheduleFloor();
        last.scheduleCeiling = decision.scheduleCeiling();
        return last;
    }
}
