package io.perfsuite.autoscaler.decision;

import java.time.Duration;
import java.util.Objects;

/**
 * Forecast the demand metric from its own history and keep enough replicas for the forecast's peak over the horizon.
 *
 * @param metric the metric to forecast; it must have a target so a forecast converts into replicas
 * @param lookback how much history to keep and learn from
 * @param horizon how far ahead to provision, about the pods' start-up time plus one evaluation
 * @param step the resolution history is kept at
 * @param margin extra headroom on the forecast, 0.1 = +10 %
 */
public record PredictionSettings(String metric, Duration lookback, Duration horizon, Duration step, double margin) {

    public PredictionSettings {
        Objects.requireNonNull(metric, "metric");
        if (!positive(lookback) || !positive(horizon) || !positive(step)) {
            throw new IllegalArgumentException("lookback, horizon and step must be positive");
        }
        if (margin < 0) {
            throw new IllegalArgumentException("margin must not be negative");
        }
    }

    public static PredictionSettings of(String metric, Duration horizon) {
        return new PredictionSettings(metric, Duration.ofDays(14), horizon, Duration.ofMinutes(1), 0);
    }

    private static boolean positive(Duration d) {
        return !d.isNegative() && !d.isZero();
    }
}
