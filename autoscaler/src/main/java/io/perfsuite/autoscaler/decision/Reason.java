package io.perfsuite.autoscaler.decision;

/** What decided the count, in the order the decider applies them (later ones override earlier ones). */
public enum Reason {
    /** A metric's target (the HPA formula), the largest wins. */
    METRIC,
    /** Every metric within tolerance: nothing to do. */
    WITHIN_TOLERANCE,
    /** A step rule fired. */
    STEP_RULE,
    /** Some metrics missing: HPA counts them as 100 % of target, so no scale-down. */
    MISSING_METRICS_HOLD,
    /** No metric readable; below the fallback threshold or no fallback count: hold. */
    METRICS_UNAVAILABLE_HOLD,
    /** No metric readable for failureThreshold evaluations: the fallback count. */
    FALLBACK,
    /** The forecast over the horizon needs more. */
    PREDICTION,
    /** A higher recommendation within the scale-down window holds the count. */
    SCALE_DOWN_STABILIZATION,
    /** A lower recommendation within the scale-up window holds the count. */
    SCALE_UP_STABILIZATION,
    /** A scale-up or scale-down policy limits the change per period. */
    RATE_LIMITED,
    /** The direction is disabled by selectPolicy Disabled. */
    DIRECTION_DISABLED,
    /** Raised to minReplicas or a schedule's floor. */
    FLOOR,
    /** Lowered to maxReplicas or a schedule's ceiling. */
    CEILING,
    /** Paused: holding current or a fixed count. */
    PAUSED,
    /** No metric, rule or schedule asks for a change. */
    NO_SIGNAL
}
