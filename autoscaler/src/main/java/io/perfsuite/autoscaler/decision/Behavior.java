package io.perfsuite.autoscaler.decision;

/** HPA's {@code behavior}: rules for each direction. */
public record Behavior(ScalingRules scaleUp, ScalingRules scaleDown) {

    public static Behavior hpaDefault() {
        return new Behavior(ScalingRules.defaultScaleUp(), ScalingRules.defaultScaleDown());
    }
}
