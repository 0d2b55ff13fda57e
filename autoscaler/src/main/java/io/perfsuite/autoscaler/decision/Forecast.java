package io.perfsuite.autoscaler.decision;

/**
 * A forecast of the demand metric, or the decision not to forecast.
 *
 * @param predicts {@code false} when the series shows no season: scaling stays reactive and {@link #peak} is 0
 * @param peak the highest forecast value over the horizon, margin included
 * @param method the profile used ({@code daily}, {@code weekly}, {@code daily+weekly}), or {@code reactive}
 * @param seasonSteps the season the profile repeats at, in steps, 0 when reactive
 * @param autocorrelation the daily autocorrelation the season test saw (level removed)
 * @param margin the learned relative margin included in the peak (0.08 = +8 %)
 */
public record Forecast(boolean predicts, double peak, String method, int seasonSteps, double autocorrelation,
        double margin) {

    public static Forecast reactive(double autocorrelation) {
        return new Forecast(false, 0, "reactive", 0, autocorrelation, 0);
    }
}
