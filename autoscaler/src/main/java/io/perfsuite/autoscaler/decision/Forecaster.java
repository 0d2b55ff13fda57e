package io.perfsuite.autoscaler.decision;

/**
 * Forecasts a metric from its own evenly spaced history. Candidate seasons (a day, a week) are tested by their
 * autocorrelation, as Crane does after its FFT check; the best one above {@link #SEASONALITY_THRESHOLD} drives a
 * seasonal-naive forecast: the same moment in the last few seasons, averaged, shifted by how far today's level is from
 * theirs. Without a season, Holt's linear trend extrapolates the recent past.
 */
public final class Forecaster {

    /** Autocorrelation above which a candidate season counts; daily web traffic is usually well above 0.6. */
    public static final double SEASONALITY_THRESHOLD = 0.3;
    /** How many past seasons are averaged. */
    static final int SEASONS_AVERAGED = 3;
    /** Steps compared to align today's level with each past season's. */
    static final int LEVEL_WINDOW = 15;
    /** Fewer points than this and the forecaster declines. */
    static final int MINIMUM_POINTS = 10;

    private final int[] candidateSeasons;

    /** @param candidateSeasons seasons to test, in steps (e.g. 1440 and 10080 at one-minute steps) */
    public Forecaster(int... candidateSeasons) {
        this.candidateSeasons = candidateSeasons.clone();
    }

    /** Finds the season with the highest autocorrelation over the threshold, 0 when none qualifies. */
    public int detectSeason(double[] series) {
        int best = 0;
        double bestAcf = SEASONALITY_THRESHOLD;
        for (int season : candidateSeasons) {
            if (season > 0 && series.length >= 2 * season) {
                double acf = autocorrelation(series, season);
                if (acf > bestAcf) {
                    best = season;
                    bestAcf = acf;
                }
            }
        }
        return best;
    }

    /**
     * @param series the history, oldest first, the last element the most recent step
     * @param horizonSteps how many steps ahead to cover
     * @param season the season to use (from {@link #detectSeason}), 0 for none
     * @return {@code null} with too little history
     */
    public Forecast forecast(double[] series, int horizonSteps, int season) {
        if (series.length < MINIMUM_POINTS) {
            return null;
        }
        int horizon = Math.max(1, horizonSteps);
        if (season > 0 && series.length >= season + LEVEL_WINDOW) {
            return seasonalNaive(series, horizon, season);
        }
        return holt(series, horizon);
    }

    /** Sample autocorrelation of {@code x} at {@code lag}, each product averaged over the pairs that exist. */
    public static double autocorrelation(double[] x, int lag) {
        int n = x.length;
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

    private Forecast seasonalNaive(double[] x, int horizon, int season) {
        int n = x.length;
        double levelNow = mean(x, n - LEVEL_WINDOW, n);
        double peak = Double.NEGATIVE_INFINITY;
        for (int j = 1; j <= horizon; j++) {
            double sum = 0;
            int used = 0;
            for (int k = 1; k <= SEASONS_AVERAGED; k++) {
                int past = n - 1 + j - k * season;
                int levelEnd = n - k * season;
                if (past < 0 || levelEnd - LEVEL_WINDOW < 0) {
                    break;
                }
                double levelThen = mean(x, levelEnd - LEVEL_WINDOW, levelEnd);
                sum += x[Math.min(past, n - 1)] + (levelNow - levelThen);
                used++;
            }
            if (used > 0) {
                peak = Math.max(peak, sum / used);
            }
        }
        return new Forecast(Math.max(0, peak), "seasonal-naive", season, autocorrelation(x, season));
    }

    private static Forecast holt(double[] x, int horizon) {
        double alpha = 0.5;
        double beta = 0.1;
        int from = Math.max(0, x.length - 120);
        double level = x[from];
        double trend = 0;
        for (int i = from + 1; i < x.length; i++) {
            double previous = level;
            level = alpha * x[i] + (1 - alpha) * (level + trend);
            trend = beta * (level - previous) + (1 - beta) * trend;
        }
        double peak = Math.max(level, level + horizon * trend);
        return new Forecast(Math.max(0, peak), "holt", 0, 0);
    }

    private static double mean(double[] x, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += x[i];
        }
        return sum / (to - from);
    }
}
