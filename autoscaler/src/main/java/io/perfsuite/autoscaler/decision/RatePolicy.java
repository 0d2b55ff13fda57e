package io.perfsuite.autoscaler.decision;

import java.time.Duration;

/**
 * One HPA scaling policy: at most {@code value} pods or percent of change per {@code period}.
 */
public record RatePolicy(Kind kind, int value, Duration period) {

    public enum Kind {
        PODS, PERCENT
    }

    public RatePolicy {
        if (value <= 0) {
            throw new IllegalArgumentException("policy value must be positive");
        }
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("policy period must be positive");
        }
    }

    public static RatePolicy pods(int value, Duration period) {
        return new RatePolicy(Kind.PODS, value, period);
    }

    public static RatePolicy percent(int value, Duration period) {
        return new RatePolicy(Kind.PERCENT, value, period);
    }
}
