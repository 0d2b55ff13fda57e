package io.perfsuite.autoscaler.controller;

import java.time.Instant;
import java.util.List;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;

/** Sets Kubernetes-style conditions, keeping lastTransitionTime when the status does not change. */
final class Conditions {

    static final String READY = "Ready";
    static final String ABLE_TO_SCALE = "AbleToScale";
    static final String SCALING_ACTIVE = "ScalingActive";
    static final String SCALING_LIMITED = "ScalingLimited";
    static final String METRICS_AVAILABLE = "MetricsAvailable";

    private Conditions() {
    }

    static void set(List<Condition> conditions, String type, boolean status, String reason, String message,
            long generation, Instant now) {
        String value = status ? "True" : "False";
        Condition existing = conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
        String transition = existing != null && value.equals(existing.getStatus())
                ? existing.getLastTransitionTime()
                : now.toString();
        Condition condition = new ConditionBuilder().withType(type).withStatus(value).withReason(reason)
                .withMessage(message).withObservedGeneration(generation).withLastTransitionTime(transition).build();
        if (existing != null) {
            conditions.set(conditions.indexOf(existing), condition);
        } else {
            conditions.add(condition);
        }
    }
}
