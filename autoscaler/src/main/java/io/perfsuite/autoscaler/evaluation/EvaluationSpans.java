package io.perfsuite.autoscaler.evaluation;

import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.perfsuite.autoscaler.decision.ScalingDecision;

/**
 * The spans of an evaluation: one per policy evaluation (its Prometheus queries and any scale patch nest under it)
 * and one per patch that changes replicas or an owned HPA's floor. Attributes carry what decided, so a trace answers
 * "why did it scale" as status.lastDecision does.
 */
@ApplicationScoped
public class EvaluationSpans {

    public static final AttributeKey<String> POLICY = AttributeKey.stringKey("autoscaler.policy");
    public static final AttributeKey<String> MODE = AttributeKey.stringKey("autoscaler.mode");
    public static final AttributeKey<Long> FROM = AttributeKey.longKey("autoscaler.replicas.from");
    public static final AttributeKey<Long> TO = AttributeKey.longKey("autoscaler.replicas.to");
    public static final AttributeKey<Long> RECOMMENDATION = AttributeKey.longKey("autoscaler.recommendation");
    public static final AttributeKey<String> REASON = AttributeKey.stringKey("autoscaler.decision.reason");
    /** The deciding input: a metric's name, a step rule, a schedule, "minReplicas", "fallback"... */
    public static final AttributeKey<String> RULE = AttributeKey.stringKey("autoscaler.decision.rule");
    public static final AttributeKey<Boolean> APPLIED = AttributeKey.booleanKey("autoscaler.decision.applied");
    public static final AttributeKey<String> TARGET_KIND = AttributeKey.stringKey("autoscaler.target.kind");
    public static final AttributeKey<String> TARGET_NAME = AttributeKey.stringKey("autoscaler.target.name");
    public static final AttributeKey<String> NAMESPACE = AttributeKey.stringKey("k8s.namespace.name");

    private final Tracer tracer;

    EvaluationSpans(Tracer tracer) {
        this.tracer = tracer;
    }

    /** Starts the evaluation span of a policy and makes it current; close the scope, then end the span. */
    public Span startEvaluation(PolicyKey key) {
        return tracer.spanBuilder("evaluate policy").setSpanKind(SpanKind.INTERNAL).setAttribute(POLICY, key.toString())
                .startSpan();
    }

    public static void decided(Span span, ScalingDecision decision) {
        span.setAttribute(MODE, decision.mode().name());
        span.setAttribute(FROM, (long) decision.from());
        span.setAttribute(TO, (long) decision.to());
        span.setAttribute(RECOMMENDATION, (long) decision.recommendation());
        span.setAttribute(REASON, decision.reason().name());
        span.setAttribute(RULE, decision.rule());
        span.setAttribute(APPLIED, decision.changesReplicas());
    }

    public static void failed(Span span, Exception e) {
        span.recordException(e);
        span.setStatus(StatusCode.ERROR, e.getMessage());
    }

    /**
     * Runs one patch of the Kubernetes API in its own span (child of the current evaluation).
     *
     * @param name "scale patch" or "hpa floor patch"
     */
    public <T> T patch(String name, String namespace, String kind, String target, int replicas, Supplier<T> call) {
        Span span = tracer.spanBuilder(name).setSpanKind(SpanKind.CLIENT).setAttribute(NAMESPACE, namespace)
                .setAttribute(TARGET_KIND, kind).setAttribute(TARGET_NAME, target).setAttribute(TO, (long) replicas)
                .startSpan();
        try (Scope scope = span.makeCurrent()) {
            return call.get();
        } catch (RuntimeException e) {
            failed(span, e);
            throw e;
        } finally {
            span.end();
        }
    }
}
