package io.perfsuite.autoscaler.api.v1alpha1;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.minReplicas) || self.minReplicas <= self.maxReplicas", message = "minReplicas must not exceed maxReplicas")
@ValidationRule(value = "self.mode != 'Paused' || !has(self.pausedReplicas) || self.pausedReplicas <= self.maxReplicas", message = "pausedReplicas must not exceed maxReplicas")
public class ScalingPolicySpec {

    public enum Actuation {
        /** The controller patches the target's scale subresource. */
        Replicas,
        /** The controller owns an autoscaling/v2 HPA for the target and moves its minReplicas floor. */
        HPA,
        /** A value this controller does not know (the schema was not applied): reported as an invalid spec. */
        @JsonEnumDefaultValue
        @JsonIgnore
        UNKNOWN
    }

    public enum Mode {
        Auto, Recommend, Paused,
        /** A value this controller does not know (the schema was not applied): reported as an invalid spec. */
        @JsonEnumDefaultValue
        @JsonIgnore
        UNKNOWN
    }

    @Required
    public TargetRef targetRef;

    @Min(0)
    public Integer minReplicas = 1;

    @Required
    @Min(1)
    public Integer maxReplicas;

    @JsonFormat(with = JsonFormat.Feature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)

    public Actuation actuation = Actuation.Replicas;

    @JsonFormat(with = JsonFormat.Feature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)

    public Mode mode = Mode.Auto;

    /** In Paused mode, the count to hold; unset holds the current count. */
    @Min(0)
    public Integer pausedReplicas;

    /** Seconds between evaluations; unset takes the service's default (15 s). */
    @Min(1)
    public Integer evaluationIntervalSeconds;

    public List<MetricSpec> metrics = new ArrayList<>();

    public BehaviorSpec behavior;

    public StepRulesSpec stepRules;

    public List<ScheduleSpec> schedules = new ArrayList<>();

    public PredictionSpec prediction;

    public FallbackSpec fallback;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class TargetRef {
        public enum Kind {
            Deployment, StatefulSet,
            /** A value this controller does not know (the schema was not applied): reported as an invalid spec. */
            @JsonEnumDefaultValue
            @JsonIgnore
            UNKNOWN
        }

        public String apiVersion = "apps/v1";

        @Required
        @JsonFormat(with = JsonFormat.Feature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
        public Kind kind;

        @Required
        public String name;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class MetricSpec {
        /** The name step rules and prediction refer to. */
        @Required
        public String name;

        /** PromQL returning one number (several series are summed). */
        @Required
        public String query;

        /** Without a target the metric only feeds step rules or prediction. */
        public MetricTarget target;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class MetricTarget {
        public enum Type {
            Value, AverageValue, Utilization,
            /** A value this controller does not know (the schema was not applied): reported as an invalid spec. */
            @JsonEnumDefaultValue
            @JsonIgnore
            UNKNOWN
        }

        @Required
        @JsonFormat(with = JsonFormat.Feature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
        public Type type;

        @Required
        @Min(0)
        public Double value;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class BehaviorSpec {
        public ScalingRulesSpec scaleUp;
        public ScalingRulesSpec scaleDown;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class ScalingRulesSpec {
        public enum SelectPolicy {
            Max, Min, Disabled,
            /** A value this controller does not know (the schema was not applied): reported as an invalid spec. */
            @JsonEnumDefaultValue
            @JsonIgnore
            UNKNOWN
        }

        @Min(0)
        public Integer stabilizationWindowSeconds;

        @JsonFormat(with = JsonFormat.Feature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)

        public SelectPolicy selectPolicy;

        public List<RatePolicySpec> policies;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class RatePolicySpec {
        public enum Type {
            Pods, Percent,
            /** A value this controller does not know (the schema was not applied): reported as an invalid spec. */
            @JsonEnumDefaultValue
            @JsonIgnore
            UNKNOWN
        }

        @Required
        @JsonFormat(with = JsonFormat.Feature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
        public Type type;

        @Required
        @Min(1)
        public Integer value;

        @Required
        @Min(1)
        public Integer periodSeconds;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class StepRulesSpec {
        /** After a step rule fires, none fires again for this long. */
        @Min(0)
        public Integer cooldownSeconds = 300;

        public List<StepRuleSpec> rules = new ArrayList<>();
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class StepRuleSpec {
        public enum Operator {
            GreaterThan, LessThan,
            /** A value this controller does not know (the schema was not applied): reported as an invalid spec. */
            @JsonEnumDefaultValue
            @JsonIgnore
            UNKNOWN
        }

        public enum Change {
            Multiply, Add,
            /** A value this controller does not know (the schema was not applied): reported as an invalid spec. */
            @JsonEnumDefaultValue
            @JsonIgnore
            UNKNOWN
        }

        @Required
        public String metric;

        @Required
        @JsonFormat(with = JsonFormat.Feature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
        public Operator operator;

        @Required
        public Double threshold;

        /** How long the condition must hold before the rule fires. */
        @Min(0)
        public Integer forSeconds = 0;

        @Required
        @JsonFormat(with = JsonFormat.Feature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
        public Change change;

        /** The factor (Multiply: 2 doubles, 0.5 halves) or pod count (Add: negative removes). */
        @Required
        public Double by;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @ValidationRule(value = "has(self.minReplicas) || has(self.maxReplicas)", message = "a schedule raises minReplicas, maxReplicas or both")
    public static class ScheduleSpec {
        @Required
        public String name;

        /** Five-field cron: minute hour day-of-month month day-of-week. */
        @Required
        public String cron;

        /** IANA time zone the cron is read in. */
        public String timeZone = "UTC";

        @Required
        @Min(1)
        public Integer durationSeconds;

        @Min(0)
        public Integer minReplicas;

        @Min(1)
        public Integer maxReplicas;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class PredictionSpec {
        public Boolean enabled = true;

        /** The metric to forecast; it needs an AverageValue or Value target. */
        @Required
        public String metric;

        /** History kept and learned from; a week or two lets weekly seasonality show. */
        @Min(3600)
        public Integer lookbackSeconds = 14 * 24 * 3600;

        /** How far ahead to provision: about the pods' start-up time plus one evaluation. */
        @Min(1)
        public Integer horizonSeconds = 120;

        /** Extra headroom on the forecast, 0.1 = +10 %, on top of the margin learned from forecast errors. */
        @Min(0)
        public Double margin = 0.0;

        /**
         * While a forecast is in effect, the scale-down stabilization window (the forecast covers what the window
         * guards against); unset keeps behavior.scaleDown's. Without a season the behaviour's window applies.
         */
        @Min(0)
        @Max(3600)
        public Integer scaleDownStabilizationSeconds;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class FallbackSpec {
        @Required
        @Min(1)
        public Integer failureThreshold;

        /** Replicas to hold after failureThreshold evaluations without metrics (never below the current count). */
        @Min(0)
        public Integer replicas;
    }
}
