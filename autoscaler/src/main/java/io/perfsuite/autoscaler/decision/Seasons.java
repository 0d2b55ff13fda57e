package io.perfsuite.autoscaler.decision;

/**
 * What the season test found.
 *
 * @param daily a daily season counts
 * @param weekly a weekly season counts
 * @param dailyAutocorrelation autocorrelation at one day of the series with its trailing daily mean removed
 * @param weeklyAutocorrelation the same at one week (trailing weekly mean removed), 0 with less than two weeks
 * @param shuffledBound the largest autocorrelation the same values reached at the same lags once shuffled: what
 *        chance alone gives at this length
 */
public record Seasons(boolean daily, boolean weekly, double dailyAutocorrelation, double weeklyAutocorrelation,
        double shuffledBound) {

    public static final Seasons NONE = new Seasons(false, false, 0, 0, 0);

    public boolean any() {
        return daily || weekly;
    }
}
