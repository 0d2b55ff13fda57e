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
 * @param margin fixed extra headroom on the forecast, 0.1 = +10 %, on top of the learned one
 * @param forecaster the forecaster's tunables
 * @param predictingScaleDownWindow while a forecast is in effect, the scale-down stabilization window (the forecast
 *        already covers what the window guards against); {@code null} keeps the behaviour's. When the series shows no
 *        season the behaviour's window applies: reactive scaling as configured
 */
public record PredictionSettings(String metric, Duration lookback, Duration horizon, Duration step, double margin,
        ForecasterParameters forecaster, Duration predictingScaleDownWindow) {

    public PredictionSettings {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(forecaster, "forecaster");
        if (!positive(lookback) || !positive(horizon) || !positive(step)) {
            throw new IllegalArgumentException("lookback, horizon and step must be positive");
        }
        if (predictingScaleDownWindow != null && predictingScaleDownWindow.isNegative()) {
            throw new IllegalArgumentException("predictingScaleDownWindow must not be negative");
        }
        if (margin < 0) {
            throw new IllegalArgumentException("margin must not be negative");
        }
    }

    public PredictionSettings(String metric, Duration lookback, Duration horizon, Duration step, double margin) {
        this(metric, lookback, horizon, step, margin, ForecasterParameters.DEFAULT, null);
    }

    public static PredictionSettings of(String metric, Duration horizon) {
        return new PredictionSettings(metric, Duration.ofDays(14), horizon, Duration.ofMinutes(1), 0);
    }

    private static boolean positive(Duration d) {
        return !d.isNegative() && !d.isZero();
    }
}
