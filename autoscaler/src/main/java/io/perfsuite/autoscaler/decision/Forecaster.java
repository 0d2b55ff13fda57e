package io.perfsuite.autoscaler.decision;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Forecasts a metric from its own evenly spaced history.
 * <p>
 * Season test: the autocorrelation at one day and at one week of the series with its trailing mean over that period
 * removed (a level shift alone correlates at every lag), which must exceed both
 * {@link ForecasterParameters#seasonalityThreshold} and what the same values reach once shuffled. Without a season the
 * forecaster declines and scaling stays reactive: a seasonal profile on a seasonless series is noise with a cost.
 * <p>
 * With a season, four profiles compete: the mean of the same moment over the last days ({@code daily}), its highest
 * value over those days ({@code daily-peak}: bursts that come at the same minute on most days, which a mean halves),
 * the same moment last week ({@code weekly}), and the daily profile corrected by how last week deviated from its own
 * daily profile at that moment ({@code daily+weekly}). Each is carried by an adapting level, Holt-Winters style: an
 * exponentially smoothed deviation of the recent actuals from the profile. Every profile's forecasts are replayed over
 * the recent window; the one with the smallest pinball loss at a high quantile is used (under-forecasting costs
 * more than over-forecasting, in that proportion), and the quantile of its relative errors
 * (peak actually reached over the horizon against peak forecast) is the margin, so headroom follows how wrong this
 * series' forecasts have recently been instead of a fixed percentage.
 */
public final class Forecaster {

    /** Fewer points than this and the forecaster declines. */
    static final int MINIMUM_POINTS = 10;
    /** Shuffles per season test; the largest shuffled autocorrelation bounds what chance gives. */
    static final int SHUFFLES = 3;

    private final int day;
    private final int week;
    private final ForecasterParameters parameters;
    private final RandomGenerator random;
    private final RecurringBursts bursts;

    /**
     * @param daySteps one day in steps (1440 at one-minute steps)
     * @param weekSteps one week in steps
     * @param random for the shuffled series of the season test
     */
    public Forecaster(int daySteps, int weekSteps, ForecasterParameters parameters, RandomGenerator random) {
        if (daySteps < 2 || weekSteps <= daySteps) {
            throw new IllegalArgumentException("a week must be longer than a day, and a day at least two steps");
        }
        this.day = daySteps;
        this.week = weekSteps;
        this.parameters = parameters;
        this.random = random;
        this.bursts = new RecurringBursts(daySteps);
    }

    public ForecasterParameters parameters() {
        return parameters;
    }

    /** Tests a day and a week as seasons; a week needs two weeks of history, a day two days. */
    public Seasons detectSeasons(double[] series) {
        double dailyAcf = 0;
        double weeklyAcf = 0;
        double bound = 0;
        if (series.length >= 2 * day) {
            double[] residual = levelRemoved(series, day);
            dailyAcf = autocorrelation(residual, day);
            bound = Math.max(bound, shuffledBound(residual, day));
        }
        if (series.length >= 2 * week) {
            double[] residual = levelRemoved(series, week);
            weeklyAcf = autocorrelation(residual, week);
            bound = Math.max(bound, shuffledBound(residual, week));
        }
        double threshold = Math.max(parameters.seasonalityThreshold(), bound);
        return new Seasons(dailyAcf > threshold, weeklyAcf > threshold, dailyAcf, weeklyAcf, bound);
    }

    /** The profile chosen for a series and the margin its recent errors call for. */
    public record Selection(Profile profile, double margin) {
    }

    /**
     * Replays every usable profile over the recent window and picks one (costly: the caller keeps it for a while).
     *
     * @return {@code null} without a season or with too little history: scaling stays reactive
     */
    public Selection select(double[] series, int horizonSteps, Seasons seasons) {
        if (series.length < MINIMUM_POINTS || !seasons.any()) {
            return null;
        }
        int horizon = horizon(horizonSteps);
        Replay best = null;
        for (Profile profile : Profile.values()) {
            if (profile.usable(seasons) && profile.firstIndex(this) + horizon + MINIMUM_POINTS < series.length) {
                Replay replay = replay(series, profile, horizon, parameters.errorWindowSteps());
                if (replay != null && (best == null || replay.loss < best.loss)) {
                    best = replay;
                }
            }
        }
        return best == null ? null : new Selection(best.profile, best.relativeErrorQuantile(parameters.marginQuantile()));
    }

    /**
     * @param series the history, oldest first, the last element the most recent step
     * @param horizonSteps how many steps ahead to cover
     * @param seasons from {@link #detectSeasons}
     * @param selection from {@link #select}, {@code null} for none
     * @return {@code null} with too little history; a {@link Forecast#reactive reactive} one without a season or
     *         selection
     */
    public Forecast forecast(double[] series, int horizonSteps, Seasons seasons, Selection selection) {
        if (series.length < MINIMUM_POINTS) {
            return null;
        }
        Forecast seasonal = seasonalForecast(series, horizonSteps, seasons, selection);
        if (!parameters.forecastsBursts()) {
            return seasonal;
        }
        // a burst that usually comes at one of the coming minutes raises the forecast, season or not
        RecurringBursts.Outlook burst = bursts.outlook(series, horizon(horizonSteps), parameters.burstThreshold());
        if (burst.probability() < parameters.burstThreshold() || burst.peak() <= seasonal.peak()) {
            return seasonal;
        }
        return seasonal.predicts()
                ? new Forecast(true, burst.peak(), seasonal.method() + "+burst", seasonal.seasonSteps(),
                        seasonal.autocorrelation(), seasonal.margin())
                : new Forecast(true, burst.peak(), "burst", day, seasonal.autocorrelation(), 0);
    }

    private Forecast seasonalForecast(double[] series, int horizonSteps, Seasons seasons, Selection selection) {
        if (!seasons.any() || selection == null
                || selection.profile().firstIndex(this) + MINIMUM_POINTS >= series.length) {
            return Forecast.reactive(seasons.dailyAutocorrelation());
        }
        int horizon = horizon(horizonSteps);
        // only the level's warm-up is replayed: the errors were judged at selection
        Replay replay = replay(series, selection.profile(), horizon, 1);
        if (replay == null) {
            return Forecast.reactive(seasons.dailyAutocorrelation());
        }
        double peak = Math.max(0, replay.nextPeak * (1 + selection.margin()));
        return new Forecast(true, peak, selection.profile().label, selection.profile().seasonSteps(this),
                seasons.dailyAutocorrelation(), selection.margin());
    }

    /** Selects and forecasts in one go (for tests and one-off forecasts). */
    public Forecast forecast(double[] series, int horizonSteps, Seasons seasons) {
        return forecast(series, horizonSteps, seasons, select(series, horizonSteps, seasons));
    }

    private int horizon(int horizonSteps) {
        return Math.max(1, Math.min(horizonSteps, day - 1));
    }

    /** Sample autocorrelation of {@code x} at {@code lag}, each product averaged over the pairs that exist. */
    public static double autocorrelation(double[] x, int lag) {
        int n = x.length;
        if (lag >= n) {
            return 0;
        }
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= n;
        double numerator = 0;
        double denominator = 0;
        for (int i = 0; i < n; i++) {
            double d = x[i] - mean;
            denominator += d * d;
            if (i >= lag) {
                numerator += d * (x[i - lag] - mean);
            }
        }
        // normalised by the overlap (n - lag), so a week is not penalised against a day for overlapping less
        return denominator == 0 ? 0 : (numerator / (n - lag)) / (denominator / n);
    }

    /** The series minus its trailing mean over {@code period} (over what exists for the first period). */
    public static double[] levelRemoved(double[] x, int period) {
        double[] residual = new double[x.length];
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += x[i] - (i >= period ? x[i - period] : 0);
            residual[i] = x[i] - sum / Math.min(i + 1, period);
        }
        return residual;
    }

    private double shuffledBound(double[] residual, int lag) {
        double bound = 0;
        double[] shuffled = residual.clone();
        for (int s = 0; s < SHUFFLES; s++) {
            for (int i = shuffled.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                double t = shuffled[i];
                shuffled[i] = shuffled[j];
                shuffled[j] = t;
            }
            bound = Math.max(bound, Math.abs(autocorrelation(shuffled, lag)));
        }
        return bound;
    }

    /** The seasonal profiles that compete for a series. */
    public enum Profile {
        DAILY("daily"), DAILY_PEAK("daily-peak"), WEEKLY("weekly"), DAILY_WEEKLY("daily+weekly");

        final String label;

        Profile(String label) {
            this.label = label;
        }

        boolean usable(Seasons seasons) {
            return this == DAILY || this == DAILY_PEAK ? seasons.daily() : seasons.weekly();
        }

        int seasonSteps(Forecaster f) {
            return this == DAILY || this == DAILY_PEAK ? f.day : f.week;
        }

        /** The first index whose profile value exists. */
        int firstIndex(Forecaster f) {
            return switch (this) {
                case DAILY, DAILY_PEAK -> f.day;
                case WEEKLY -> f.week;
                case DAILY_WEEKLY -> f.week + f.day;
            };
        }
    }

    /** The profile's value at {@code s} (which may lie up to a day in the future), NaN where it has no history. */
    private double profile(double[] x, Profile profile, int s) {
        return switch (profile) {
            case DAILY -> dailyMean(x, s);
            case DAILY_PEAK -> dailyPeak(x, s);
            case WEEKLY -> s - week >= 0 ? x[s - week] : Double.NaN;
            case DAILY_WEEKLY -> {
                double lastWeek = s - week >= 0 ? x[s - week] : Double.NaN;
                yield dailyMean(x, s) + (lastWeek - dailyMean(x, s - week));
            }
        };
    }

    /** The highest value at this moment over the last days: a burst that comes most days at this minute. */
    private double dailyPeak(double[] x, int s) {
        double peak = Double.NaN;
        for (int k = 1; k <= parameters.seasonsAveraged(); k++) {
            int i = s - k * day;
            if (i < 0) {
                break;
            }
            peak = Double.isNaN(peak) ? x[i] : Math.max(peak, x[i]);
        }
        return peak;
    }

    private double dailyMean(double[] x, int s) {
        double sum = 0;
        int used = 0;
        for (int k = 1; k <= parameters.seasonsAveraged(); k++) {
            int i = s - k * day;
            if (i < 0) {
                break;
            }
            sum += x[i];
            used++;
        }
        return used == 0 ? Double.NaN : sum / used;
    }

    /**
     * Replays the profile over the recent window: at each origin the forecast peak over the horizon is the profile
     * plus the level as it stood then, compared with the peak that followed.
     */
    private Replay replay(double[] x, Profile profile, int horizon, int window) {
        int n = x.length;
        int first = profile.firstIndex(this);
        // the level needs a few time constants before its first scored origin
        int warmUp = (int) Math.ceil(3 / parameters.levelSmoothing());
        int lastOrigin = n - 1 - horizon;
        int firstOrigin = Math.max(first + warmUp, lastOrigin - window + 1);
        int from = Math.max(first, firstOrigin - warmUp);
        if (firstOrigin > lastOrigin) {
            return null;
        }
        double[] values = new double[n + horizon - from];
        for (int s = from; s < n + horizon; s++) {
            values[s - from] = profile(x, profile, s);
        }
        double alpha = parameters.levelSmoothing();
        double level = 0;
        int count = lastOrigin - firstOrigin + 1;
        double[] forecasts = new double[count];
        double[] actuals = new double[count];
        for (int s = from; s < n; s++) {
            double deviation = x[s] - values[s - from];
            level = s == from ? deviation : level + alpha * (deviation - level);
            if (s >= firstOrigin && s <= lastOrigin) {
                double forecast = Double.NEGATIVE_INFINITY;
                double actual = Double.NEGATIVE_INFINITY;
                for (int j = 1; j <= horizon; j++) {
                    forecast = Math.max(forecast, values[s + j - from] + level);
                    actual = Math.max(actual, x[s + j]);
                }
                forecasts[s - firstOrigin] = Math.max(0, forecast);
                actuals[s - firstOrigin] = actual;
            }
        }
        // pinball loss at the selection quantile: a miss below costs q, one above 1 - q, as under-provisioning costs
        // more than a spare replica
        double q = parameters.selectionQuantile();
        double loss = 0;
        double scale = 0;
        for (int i = 0; i < count; i++) {
            double e = actuals[i] - forecasts[i];
            loss += e >= 0 ? q * e : (q - 1) * e;
            scale += Math.abs(actuals[i]);
        }
        // relative to the forecast, with a floor at a tenth of the window's mean so near-zero stretches do not turn
        // small absolute misses into huge ratios
        double floor = Math.max(1e-12, 0.1 * scale / count);
        double[] relativeErrors = new double[count];
        for (int i = 0; i < count; i++) {
            relativeErrors[i] = (actuals[i] - forecasts[i]) / Math.max(floor, forecasts[i]);
        }
        double next = Double.NEGATIVE_INFINITY;
        for (int j = 1; j <= horizon; j++) {
            next = Math.max(next, values[n - 1 + j - from] + level);
        }
        return new Replay(profile, loss / count, relativeErrors, Math.max(0, next));
    }

    private static final class Replay {
        final Profile profile;
        final double loss;
        final double[] relativeErrors;
        final double nextPeak;

        Replay(Profile profile, double loss, double[] relativeErrors, double nextPeak) {
            this.profile = profile;
            this.loss = loss;
            this.relativeErrors = relativeErrors;
            this.nextPeak = nextPeak;
        }

        double relativeErrorQuantile(double q) {
            double[] sorted = relativeErrors.clone();
            Arrays.sort(sorted);
            int i = (int) Math.min(sorted.length - 1, Math.floor(q * sorted.length));
            return sorted[i];
        }
    }
}
