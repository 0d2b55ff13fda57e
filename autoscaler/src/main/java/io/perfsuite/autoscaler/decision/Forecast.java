package io.perfsuite.autoscaler.decision;

/**
 * A forecast of the demand metric.
 *
 * @param peak the highest forecast value over the horizon
 * @param method {@code seasonal-naive} or {@code holt}
 * @param seasonSteps the detected season in steps, 0 when none
 * @param autocorrelation the autocorrelation at that season (or the best one tried)
 */
public record Forecast(double peak, String method, int seasonSteps, double autocorrelation) {
}
