package io.perfsuite.autoscaler.policy;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.perfsuite.autoscaler.api.v1alpha1.ScalingPolicySpec;
import io.perfsuite.autoscaler.decision.Behavior;
import io.perfsuite.autoscaler.decision.CronExpression;
import io.perfsuite.autoscaler.decision.FallbackSettings;
import io.perfsuite.autoscaler.decision.ForecasterParameters;
import io.perfsuite.autoscaler.decision.MetricRule;
import io.perfsuite.autoscaler.decision.Mode;
import io.perfsuite.autoscaler.decision.PolicyRules;
import io.perfsuite.autoscaler.decision.PredictionSettings;
import io.perfsuite.autoscaler.decision.RatePolicy;
import io.perfsuite.autoscaler.decision.ScalingRules;
import io.perfsuite.autoscaler.decision.Schedule;
import io.perfsuite.autoscaler.decision.StepRule;
import io.perfsuite.autoscaler.decision.TargetType;

/**
 * Turns a ScalingPolicy spec into the decision core's rules, checking every rule the CRD's schema states (the API
 * server enforces those too, but local YAML files and backtest requests do not pass through it) plus the ones a
 * schema cannot say: names that must refer to a metric, cron syntax, time zones.
 */
public final class PolicySpecMapper {

    private PolicySpecMapper() {
    }

    /** @throws InvalidSpecException naming every field that breaks a rule */
    public static PolicyRules toRules(ScalingPolicySpec spec) {
        List<SpecViolation> violations = new ArrayList<>();
        if (spec == null) {
            throw new InvalidSpecException(List.of(new SpecViolation("spec", "required", "spec is required")));
        }
        if (spec.targetRef == null) {
            violations.add(new SpecViolation("spec.targetRef", "required", "targetRef is required"));
        } else {
            if (spec.targetRef.kind == null || spec.targetRef.kind == ScalingPolicySpec.TargetRef.Kind.UNKNOWN) {
                violations.add(new SpecViolation("spec.targetRef.kind", "enum:Deployment,StatefulSet",
                        "kind must be Deployment or StatefulSet"));
            }
            if (blank(spec.targetRef.name)) {
                violations.add(new SpecViolation("spec.targetRef.name", "required", "name is required"));
            }
        }
        int min = spec.minReplicas == null ? 1 : spec.minReplicas;
        if (min < 0) {
            violations.add(new SpecViolation("spec.minReplicas", "minimum:0", "minReplicas must not be negative"));
        }
        if (spec.maxReplicas == null) {
            violations.add(new SpecViolation("spec.maxReplicas", "required", "maxReplicas is required"));
        } else if (spec.maxReplicas < 1) {
            violations.add(new SpecViolation("spec.maxReplicas", "minimum:1", "maxReplicas must be at least 1"));
        } else if (min > spec.maxReplicas) {
            violations.add(new SpecViolation("spec.minReplicas", "minReplicas<=maxReplicas",
                    "minReplicas " + min + " exceeds maxReplicas " + spec.maxReplicas));
        }
        requireKnown(spec.mode, ScalingPolicySpec.Mode.UNKNOWN, "spec.mode", violations);
        requireKnown(spec.actuation, ScalingPolicySpec.Actuation.UNKNOWN, "spec.actuation", violations);
        if (spec.pausedReplicas != null && spec.pausedReplicas < 0) {
            violations.add(new SpecViolation("spec.pausedReplicas", "minimum:0", "pausedReplicas must not be negative"));
        }
        if (spec.evaluationIntervalSeconds != null && spec.evaluationIntervalSeconds < 1) {
            violations.add(new SpecViolation("spec.evaluationIntervalSeconds", "minimum:1",
                    "evaluationIntervalSeconds must be at least 1"));
        }

        List<MetricRule> metrics = metrics(spec, violations);
        Set<String> names = new HashSet<>();
        metrics.forEach(m -> names.add(m.name()));
        Behavior behavior = new Behavior(
                rules(spec.behavior == null ? null : spec.behavior.scaleUp, ScalingRules.defaultScaleUp(),
                        "spec.behavior.scaleUp", violations),
                rules(spec.behavior == null ? null : spec.behavior.scaleDown, ScalingRules.defaultScaleDown(),
                        "spec.behavior.scaleDown", violations));
        List<StepRule> steps = stepRules(spec, names, violations);
        List<Schedule> schedules = schedules(spec, violations);
        PredictionSettings prediction = prediction(spec, metrics, violations);
        FallbackSettings fallback = fallback(spec, violations);

        if (!violations.isEmpty()) {
            throw new InvalidSpecException(violations);
        }
        Duration cooldown = Duration.ofSeconds(spec.stepRules == null || spec.stepRules.cooldownSeconds == null
                ? 300
                : spec.stepRules.cooldownSeconds);
        Mode mode = switch (spec.mode == null ? ScalingPolicySpec.Mode.Auto : spec.mode) {
            case Auto -> Mode.AUTO;
            case Recommend -> Mode.RECOMMEND;
            case Paused -> Mode.PAUSED;
            case UNKNOWN -> throw new IllegalStateException("an unknown mode is a violation above");
        };
        return new PolicyRules(min, spec.maxReplicas, metrics, behavior, PolicyRules.HPA_TOLERANCE, steps, cooldown,
                schedules, prediction, fallback, mode, spec.pausedReplicas);
    }

    private static List<MetricRule> metrics(ScalingPolicySpec spec, List<SpecViolation> violations) {
        List<MetricRule> metrics = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<ScalingPolicySpec.MetricSpec> specs = spec.metrics == null ? List.of() : spec.metrics;
        for (int i = 0; i < specs.size(); i++) {
            ScalingPolicySpec.MetricSpec m = specs.get(i);
            String field = "spec.metrics[" + i + "]";
            if (m == null || blank(m.name)) {
                violations.add(new SpecViolation(field + ".name", "required", "every metric needs a name"));
                continue;
            }
            if (!seen.add(m.name)) {
                violations.add(new SpecViolation(field + ".name", "unique", "metric name " + m.name + " repeats"));
            }
            if (blank(m.query)) {
                violations.add(new SpecViolation(field + ".query", "required", "metric " + m.name + " needs a query"));
            }
            if (m.target == null) {
                metrics.add(MetricRule.withoutTarget(m.name));
                continue;
            }
            if (m.target.type == null || m.target.type == ScalingPolicySpec.MetricTarget.Type.UNKNOWN) {
                violations.add(new SpecViolation(field + ".target.type", "enum:Value,AverageValue,Utilization",
                        "target type must be Value, AverageValue or Utilization"));
                continue;
            }
            if (m.target.value == null || !(m.target.value > 0)) {
                violations.add(new SpecViolation(field + ".target.value", "exclusiveMinimum:0",
                        "target value must be positive"));
                continue;
            }
            TargetType type = switch (m.target.type) {
                case Value -> TargetType.VALUE;
                case AverageValue -> TargetType.AVERAGE_VALUE;
                case Utilization -> TargetType.UTILIZATION;
                case UNKNOWN -> throw new IllegalStateException("an unknown target type is a violation above");
            };
            metrics.add(new MetricRule(m.name, type, m.target.value));
        }
        return metrics;
    }

    private static ScalingRules rules(ScalingPolicySpec.ScalingRulesSpec spec, ScalingRules defaults, String field,
            List<SpecViolation> violations) {
        if (spec == null) {
            return defaults;
        }
        Duration window = defaults.stabilizationWindow();
        if (spec.stabilizationWindowSeconds != null) {
            if (spec.stabilizationWindowSeconds < 0 || spec.stabilizationWindowSeconds > 3600) {
                violations.add(new SpecViolation(field + ".stabilizationWindowSeconds", "range:0..3600",
                        "stabilizationWindowSeconds must be within 0..3600"));
            } else {
                window = Duration.ofSeconds(spec.stabilizationWindowSeconds);
            }
        }
        requireKnown(spec.selectPolicy, ScalingPolicySpec.ScalingRulesSpec.SelectPolicy.UNKNOWN,
                field + ".selectPolicy", violations);
        ScalingRules.Select select = spec.selectPolicy == null
                ? ScalingRules.Select.MAX
                : switch (spec.selectPolicy) {
                    case Max, UNKNOWN -> ScalingRules.Select.MAX;
                    case Min -> ScalingRules.Select.MIN;
                    case Disabled -> ScalingRules.Select.DISABLED;
                };
        List<RatePolicy> policies = defaults.policies();
        if (spec.policies != null && !spec.policies.isEmpty()) {
            policies = new ArrayList<>();
            for (int i = 0; i < spec.policies.size(); i++) {
                ScalingPolicySpec.RatePolicySpec p = spec.policies.get(i);
                String at = field + ".policies[" + i + "]";
                if (p == null || p.type == null || p.type == ScalingPolicySpec.RatePolicySpec.Type.UNKNOWN) {
                    violations.add(new SpecViolation(at + ".type", "enum:Pods,Percent", "type must be Pods or Percent"));
                    continue;
                }
                if (p.value == null || p.value < 1) {
                    violations.add(new SpecViolation(at + ".value", "minimum:1", "value must be at least 1"));
                    continue;
                }
                if (p.periodSeconds == null || p.periodSeconds < 1 || p.periodSeconds > 1800) {
                    violations.add(new SpecViolation(at + ".periodSeconds", "range:1..1800",
                            "periodSeconds must be within 1..1800"));
                    continue;
                }
                policies.add(new RatePolicy(
                        p.type == ScalingPolicySpec.RatePolicySpec.Type.Pods
                                ? RatePolicy.Kind.PODS
                                : RatePolicy.Kind.PERCENT,
                        p.value, Duration.ofSeconds(p.periodSeconds)));
            }
        }
        return new ScalingRules(window, select, policies);
    }

    private static List<StepRule> stepRules(ScalingPolicySpec spec, Set<String> metrics,
            List<SpecViolation> violations) {
        List<StepRule> rules = new ArrayList<>();
        if (spec.stepRules == null || spec.stepRules.rules == null) {
            return rules;
        }
        if (spec.stepRules.cooldownSeconds != null && spec.stepRules.cooldownSeconds < 0) {
            violations.add(new SpecViolation("spec.stepRules.cooldownSeconds", "minimum:0",
                    "cooldownSeconds must not be negative"));
        }
        for (int i = 0; i < spec.stepRules.rules.size(); i++) {
            ScalingPolicySpec.StepRuleSpec r = spec.stepRules.rules.get(i);
            String at = "spec.stepRules.rules[" + i + "]";
            if (r == null || blank(r.metric) || !metrics.contains(r.metric)) {
                violations.add(new SpecViolation(at + ".metric", "refers-to-metric",
                        "metric must name one of spec.metrics"));
                continue;
            }
            if (r.operator == null || r.threshold == null || r.change == null || r.by == null) {
                violations.add(new SpecViolation(at, "required:operator,threshold,change,by",
                        "a step rule needs operator, threshold, change and by"));
                continue;
            }
            if (requireKnown(r.operator, ScalingPolicySpec.StepRuleSpec.Operator.UNKNOWN, at + ".operator", violations)
                    | requireKnown(r.change, ScalingPolicySpec.StepRuleSpec.Change.UNKNOWN, at + ".change", violations)) {
                continue;
            }
            int holdFor = r.forSeconds == null ? 0 : r.forSeconds;
            if (holdFor < 0) {
                violations.add(new SpecViolation(at + ".forSeconds", "minimum:0", "forSeconds must not be negative"));
                continue;
            }
            if (r.change == ScalingPolicySpec.StepRuleSpec.Change.Multiply && !(r.by > 0)) {
                violations.add(new SpecViolation(at + ".by", "exclusiveMinimum:0", "a Multiply factor must be positive"));
                continue;
            }
            rules.add(new StepRule(r.metric,
                    r.operator == ScalingPolicySpec.StepRuleSpec.Operator.GreaterThan
                            ? StepRule.Comparison.ABOVE
                            : StepRule.Comparison.BELOW,
                    r.threshold, Duration.ofSeconds(holdFor),
                    new StepRule.Change(r.change == ScalingPolicySpec.StepRuleSpec.Change.Multiply
                            ? StepRule.Change.Kind.MULTIPLY
                            : StepRule.Change.Kind.ADD, r.by)));
        }
        return rules;
    }

    private static List<Schedule> schedules(ScalingPolicySpec spec, List<SpecViolation> violations) {
        List<Schedule> schedules = new ArrayList<>();
        if (spec.schedules == null) {
            return schedules;
        }
        for (int i = 0; i < spec.schedules.size(); i++) {
            ScalingPolicySpec.ScheduleSpec s = spec.schedules.get(i);
            String at = "spec.schedules[" + i + "]";
            if (s == null || blank(s.name)) {
                violations.add(new SpecViolation(at + ".name", "required", "every schedule needs a name"));
                continue;
            }
            CronExpression cron;
            try {
                cron = CronExpression.parse(s.cron == null ? "" : s.cron);
            } catch (IllegalArgumentException e) {
                violations.add(new SpecViolation(at + ".cron", "cron", e.getMessage()));
                continue;
            }
            ZoneId zone;
            try {
                zone = ZoneId.of(s.timeZone == null ? "UTC" : s.timeZone);
            } catch (RuntimeException e) {
                violations.add(new SpecViolation(at + ".timeZone", "iana-time-zone",
                        "unknown time zone " + s.timeZone));
                continue;
            }
            if (s.durationSeconds == null || s.durationSeconds < 1) {
                violations.add(new SpecViolation(at + ".durationSeconds", "minimum:1",
                        "durationSeconds must be at least 1"));
                continue;
            }
            if (s.minReplicas == null && s.maxReplicas == null) {
                violations.add(new SpecViolation(at, "minReplicas|maxReplicas",
                        "a schedule raises minReplicas, maxReplicas or both"));
                continue;
            }
            if ((s.minReplicas != null && s.minReplicas < 0) || (s.maxReplicas != null && s.maxReplicas < 1)) {
                violations.add(new SpecViolation(at, "minimum", "schedule replicas out of range"));
                continue;
            }
            schedules.add(new Schedule(s.name, cron, zone, Duration.ofSeconds(s.durationSeconds), s.minReplicas,
                    s.maxReplicas));
        }
        return schedules;
    }

    private static PredictionSettings prediction(ScalingPolicySpec spec, List<MetricRule> metrics,
            List<SpecViolation> violations) {
        ScalingPolicySpec.PredictionSpec p = spec.prediction;
        if (p == null || Boolean.FALSE.equals(p.enabled)) {
            return null;
        }
        MetricRule metric = metrics.stream().filter(m -> m.name().equals(p.metric)).findFirst().orElse(null);
        if (metric == null) {
            violations.add(new SpecViolation("spec.prediction.metric", "refers-to-metric",
                    "prediction.metric must name one of spec.metrics"));
            return null;
        }
        if (metric.type() != TargetType.AVERAGE_VALUE && metric.type() != TargetType.VALUE) {
            violations.add(new SpecViolation("spec.prediction.metric", "target:AverageValue|Value",
                    "the predicted metric needs an AverageValue or Value target (demand, not utilization)"));
            return null;
        }
        int lookback = p.lookbackSeconds == null ? 14 * 24 * 3600 : p.lookbackSeconds;
        int horizon = p.horizonSeconds == null ? 120 : p.horizonSeconds;
        double margin = p.margin == null ? 0 : p.margin;
        if (lookback < 3600) {
            violations.add(new SpecViolation("spec.prediction.lookbackSeconds", "minimum:3600",
                    "lookbackSeconds must be at least 3600"));
            return null;
        }
        if (horizon < 1) {
            violations.add(new SpecViolation("spec.prediction.horizonSeconds", "minimum:1",
                    "horizonSeconds must be at least 1"));
            return null;
        }
        if (margin < 0) {
            violations.add(new SpecViolation("spec.prediction.margin", "minimum:0", "margin must not be negative"));
            return null;
        }
        Integer down = p.scaleDownStabilizationSeconds;
        if (down != null && (down < 0 || down > 3600)) {
            violations.add(new SpecViolation("spec.prediction.scaleDownStabilizationSeconds", "range:0..3600",
                    "scaleDownStabilizationSeconds must be within 0..3600"));
            return null;
        }
        return new PredictionSettings(p.metric, Duration.ofSeconds(lookback), Duration.ofSeconds(horizon),
                Duration.ofMinutes(1), margin, ForecasterParameters.DEFAULT,
                down == null ? null : Duration.ofSeconds(down));
    }

    private static FallbackSettings fallback(ScalingPolicySpec spec, List<SpecViolation> violations) {
        ScalingPolicySpec.FallbackSpec f = spec.fallback;
        if (f == null) {
            return FallbackSettings.holdOnly();
        }
        if (f.failureThreshold == null || f.failureThreshold < 1) {
            violations.add(new SpecViolation("spec.fallback.failureThreshold", "minimum:1",
                    "failureThreshold must be at least 1"));
            return FallbackSettings.holdOnly();
        }
        if (f.replicas != null && f.replicas < 0) {
            violations.add(new SpecViolation("spec.fallback.replicas", "minimum:0", "replicas must not be negative"));
            return FallbackSettings.holdOnly();
        }
        return new FallbackSettings(f.failureThreshold, f.replicas);
    }

    /**
     * An enum value the spec's type read as UNKNOWN (tolerant reading, so that one object the CRD's schema did not
     * check cannot stop the informer) is a violation naming the field and the values allowed.
     *
     * @return whether it was unknown
     */
    private static <E extends Enum<E>> boolean requireKnown(E value, E unknown, String field,
            List<SpecViolation> violations) {
        if (value != unknown) {
            return false;
        }
        List<String> allowed = Arrays.stream(unknown.getDeclaringClass().getEnumConstants()).filter(c -> c != unknown)
                .map(Enum::name).toList();
        violations.add(new SpecViolation(field, "enum:" + String.join(",", allowed),
                field.substring(field.lastIndexOf('.') + 1) + " must be one of " + String.join(", ", allowed)));
        return true;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
