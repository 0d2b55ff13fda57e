package io.perfsuite.loadbalancer.endpoint;

import java.time.Duration;
import java.util.Objects;

/**
 * Envoy's slow start: an endpoint that joins or recovers gets {@code weight x max(minWeight, t^(1/aggression))} with
 * {@code t = elapsed / window}, until the window has passed. Aggression 1 is HAProxy's linear {@code slowstart}; above
 * 1 the weight rises fast then flattens, below 1 it stays low longer (what a JVM warming up wants).
 *
 * @param window zero disables slow start
 * @param minWeight fraction of the weight given at the start of the window, in (0, 1]
 */
public record SlowStart(Duration window, double aggression, double minWeight) {

    public static final SlowStart DISABLED = new SlowStart(Duration.ZERO, 1.0, 0.1);

    public SlowStart {
        Objects.requireNonNull(window, "window");
        if (window.isNegative()) {
            throw new IllegalArgumentException("slow-start window must not be negative, was " + window);
        }
        if (!(aggression > 0) || Double.isInfinite(aggression)) {
            throw new IllegalArgumentException("slow-start aggression must be a positive number, was " + aggression);
        }
        if (!(minWeight > 0 && minWeight <= 1)) {
            throw new IllegalArgumentException("slow-start min weight must be in (0, 1], was " + minWeight);
        }
    }

    /** HAProxy's {@code slowstart}: linear, starting from Envoy's default 10 %. */
    public static SlowStart linear(Duration window) {
        return new SlowStart(window, 1.0, 0.1);
    }

    public boolean enabled() {
        return !window.isZero();
    }

    /** The weight multiplier {@code elapsedMillis} after the window opened. */
    public double factor(long elapsedMillis) {
        long windowMillis = window.toMillis();
        if (windowMillis <= 0 || elapsedMillis >= windowMillis) {
            return 1.0;
        }
        double t = Math.max(0, elapsedMillis) / (double) windowMillis;
        double ramp = aggression == 1.0 ? t : Math.pow(t, 1.0 / aggression);
        return Math.max(minWeight, ramp);
    }
}
