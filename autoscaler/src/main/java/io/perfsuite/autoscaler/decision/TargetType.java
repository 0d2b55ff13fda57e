package io.perfsuite.autoscaler.decision;

/** How a metric's value compares with its target, as in HPA's {@code MetricTarget}. */
public enum TargetType {
    /** The query returns one value for the whole workload; replicas scale with value / target. */
    VALUE,
    /** The query returns the workload's total; the target is per replica, so replicas = ceil(total / target). */
    AVERAGE_VALUE,
    /** The query returns an average utilization in percent; replicas scale with utilization / target. */
    UTILIZATION
}
