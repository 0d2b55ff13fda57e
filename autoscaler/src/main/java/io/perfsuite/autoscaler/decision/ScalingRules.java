package io.perfsuite.autoscaler.decision;

import java.time.Duration;
import java.util.List;

/**
 * One direction of HPA's {@code behavior}: a stabilization window and rate policies combined by {@code select}.
 */
public record ScalingRules(Duration stabilizationWindow, Select select, List<RatePolicy> policies) {

    /** HPA's {@code selectPolicy}: the policy allowing the most change, the least, or no change at all. */
    public enum Select {
        MAX, MIN, DISABLED
    }

    public ScalingRules {
        if (stabilizationWindow.isNegative()) {
            throw new IllegalArgumentException("stabilization window must not be negative");
        }
        policies = List.copyOf(policies);
    }

    /** HPA's default scale-up: no window, the larger of +100 % and +4 pods per 15 s. */
    public static ScalingRules defaultScaleUp() {
        Duration period = Duration.ofSeconds(15);
        return new ScalingRules(Duration.ZERO, Select.MAX,
                List.of(RatePolicy.percent(100, period), RatePolicy.pods(4, period)));
    }

    /** HPA's default scale-down: a 300 s window, then up to 100 % per 15 s. */
    public static ScalingRules defaultScaleDown() {
        return new ScalingRules(Duration.ofSeconds(300), Select.MAX,
                List.of(RatePolicy.percent(100, Duration.ofSeconds(15))));
    }

    Duration longestPeriod() {
        return policies.stream().map(RatePolicy::period).max(Duration::compareTo).orElse(Duration.ZERO);
    }
}
