package io.perfsuite.loadbalancer.endpoint;

import java.time.Duration;
import java.util.Objects;

/**
 * Passive outlier detection in Envoy's terms. An endpoint is ejected after {@code consecutive5xx} responses of 500 or
 * more (connect failures and timeouts count too, as in Envoy when local-origin errors are not split), or after
 * {@code consecutiveGatewayFailures} of 502/503/504, connect failures and timeouts. The n-th ejection in a row lasts
 * {@code baseEjectionTime x n}, capped at {@code maxEjectionTime}; each {@code baseEjectionTime} spent back in rotation
 * without an ejection takes one off n. At most {@code maxEjectionPercent} of a pool is ejected at once, but always at
 * least one endpoint may be (Envoy does the same): in a pool of two, 10 % would otherwise never eject anything, and
 * panic mode covers a pool with too few left.
 *
 * @param consecutive5xx 0 disables this rule
 * @param consecutiveGatewayFailures 0 disables this rule
 */
public record OutlierDetection(int consecutive5xx, int consecutiveGatewayFailures, Duration baseEjectionTime,
        Duration maxEjectionTime, int maxEjectionPercent) {

    public static final OutlierDetection DEFAULT = new OutlierDetection(5, 5, Duration.ofSeconds(30),
            Duration.ofSeconds(300), 10);

    public static final OutlierDetection DISABLED = new OutlierDetection(0, 0, Duration.ofSeconds(30),
            Duration.ofSeconds(300), 10);

    public OutlierDetection {
        Objects.requireNonNull(baseEjectionTime, "baseEjectionTime");
        Objects.requireNonNull(maxEjectionTime, "maxEjectionTime");
        if (consecutive5xx < 0 || consecutiveGatewayFailures < 0) {
            throw new IllegalArgumentException("consecutive failure thresholds must not be negative");
        }
        if (baseEjectionTime.isNegative() || baseEjectionTime.isZero()) {
            throw new IllegalArgumentException("base ejection time must be positive, was " + baseEjectionTime);
        }
        if (maxEjectionTime.compareTo(baseEjectionTime) < 0) {
            throw new IllegalArgumentException("max ejection time must be at least the base ejection time ("
                    + baseEjectionTime + "), was " + maxEjectionTime);
        }
        if (maxEjectionPercent < 0 || maxEjectionPercent > 100) {
            throw new IllegalArgumentException("max ejection percent must be between 0 and 100, was "
                    + maxEjectionPercent);
        }
    }

    /** How long the {@code ejections}-th consecutive ejection lasts. */
    public Duration ejectionTime(int ejections) {
        Duration time = baseEjectionTime.multipliedBy(Math.max(1, ejections));
        return time.compareTo(maxEjectionTime) > 0 ? maxEjectionTime : time;
    }

    /** How many of {@code poolSize} endpoints may be ejected at once: at least one. */
    public int maxEjected(int poolSize) {
        return Math.max(1, poolSize * maxEjectionPercent / 100);
    }
}
