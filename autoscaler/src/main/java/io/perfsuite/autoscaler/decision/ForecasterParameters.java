package io.perfsuite.autoscaler.decision;

/**
 * The forecaster's tunables. {@link #DEFAULT} is the set chosen by leaving one trace out over the bench traces (see the
 * module README): each left-out trace scored with the parameters that did best on the others.
 *
 * @param seasonsAveraged past days averaged into the daily profile
 * @param levelSmoothing weight of the newest deviation from the profile in the adapting level (1 = only the last)
 * @param marginQuantile quantile of the recent relative forecast errors added as headroom (0.5 = the median error)
 * @param selectionQuantile the quantile whose pinball loss picks the profile: above 0.5 a profile that misses low is
 *        judged worse than one that misses high by as much
 * @param errorWindowSteps how many recent steps the errors (and the choice between profiles) are taken from
 * @param seasonalityThreshold autocorrelation at the period, level removed, above which a season counts
 * @param burstThreshold the share of past days a minute must have burst on for its burst to be forecast
 *        ({@link RecurringBursts}); 0 turns burst forecasts off
 */
public record ForecasterParameters(int seasonsAveraged, double levelSmoothing, double marginQuantile,
        double selectionQuantile, int errorWindowSteps, double seasonalityThreshold, double burstThreshold) {

    public static final ForecasterParameters DEFAULT = new ForecasterParameters(3, 0.3, 0.7, 0.9, 1440, 0.3, 0.3);

    /** Without burst forecasts. */
    public ForecasterParameters(int seasonsAveraged, double levelSmoothing, double marginQuantile,
            double selectionQuantile, int errorWindowSteps, double seasonalityThreshold) {
        this(seasonsAveraged, levelSmoothing, marginQuantile, selectionQuantile, errorWindowSteps,
                seasonalityThreshold, 0);
    }

    public ForecasterParameters {
        if (seasonsAveraged < 1) {
            throw new IllegalArgumentException("seasonsAveraged must be at least 1");
        }
        if (!(levelSmoothing > 0 && levelSmoothing <= 1)) {
            throw new IllegalArgumentException("levelSmoothing must be in (0, 1]");
        }
        if (!(marginQuantile >= 0 && marginQuantile <= 1)) {
            throw new IllegalArgumentException("marginQuantile must be in [0, 1]");
        }
        if (!(selectionQuantile > 0 && selectionQuantile < 1)) {
            throw new IllegalArgumentException("selectionQuantile must be in (0, 1)");
        }
        if (errorWindowSteps < 10) {
            throw new IllegalArgumentException("errorWindowSteps must be at least 10");
        }
        if (!(seasonalityThreshold > 0 && seasonalityThreshold < 1)) {
            throw new IllegalArgumentException("seasonalityThreshold must be in (0, 1)");
        }
        if (!(burstThreshold >= 0 && burstThreshold <= 1)) {
            throw new IllegalArgumentException("burstThreshold must be in [0, 1]");
        }
    }

    public ForecasterParameters withMarginQuantile(double q) {
        return new ForecasterParameters(seasonsAveraged, levelSmoothing, q, selectionQuantile, errorWindowSteps,
                seasonalityThreshold, burstThreshold);
    }

    public ForecasterParameters withBurstThreshold(double threshold) {
        return new ForecasterParameters(seasonsAveraged, levelSmoothing, marginQuantile, selectionQuantile,
                errorWindowSteps, seasonalityThreshold, threshold);
    }

    public boolean forecastsBursts() {
        return burstThreshold > 0;
    }
}
