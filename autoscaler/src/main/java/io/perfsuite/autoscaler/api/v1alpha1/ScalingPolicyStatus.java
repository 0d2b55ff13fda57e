package io.perfsuite.autoscaler.api.v1alpha1;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.fabric8.kubernetes.api.model.Condition;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class ScalingPolicyStatus {

    public Integer currentReplicas;
    public Integer desiredReplicas;
    /** What the policy would run in Auto mode: what Recommend mode reports. */
    public Integer recommendation;
    public String lastScaleTime;
    public Long observedGeneration;
    public List<Condition> conditions = new ArrayList<>();
    public LastDecision lastDecision;

    /** The last evaluation explained (kubernetes#138992 asks HPA for the same). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class LastDecision {
        public String time;
        public Integer from;
        public Integer to;
        public Integer recommendation;
        public Boolean applied;
        /** The rule or input that decided: Metric, StepRule, Prediction, Floor, ... */
        public String reason;
        public String rule;
        public String message;
        public Map<String, Double> metrics;
        public Double forecast;
        public String forecastMethod;
        public Integer scheduleFloor;
        public Integer scheduleCeiling;
    }
}
