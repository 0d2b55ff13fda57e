package io.perfsuite.monitor.anomaly.detection;

/**
 * Turns a raw novelty score into how unlikely the recent scores are: the mean of the last few raw scores is compared
 * with the long-run distribution of raw scores (taken as normal), and the tail probability is put on a log scale so
 * that 0.5 means one in 10^5 and 1 means one in 10^10. This is the post-processing Numenta's HTM detector applies on
 * NAB (Ahmad et al., "Unsupervised real-time anomaly detection for streaming data", Neurocomputing 2017): a detector
 * whose raw score is always noisy on a noisy series stops alerting on that noise, while a burst of novelty on a calm
 * series stands out.
 *
 * <p>
 * The spread the tail is measured in never falls below the recent history's, and when the recent history is calmer
 * than the series has been over its long memory ({@link #LONG_MEMORY} histories, about its whole life on NAB's files)
 * it is taken part of the way back to the long-run spread ({@code longWeight}, chosen on NAB with the other settings). A history window that happens to hold only calm points otherwise
 * makes every later burst of novelty look impossible: on NAB that is why a 1,000-point history saturated clean and
 * noisy series alike and lost the AWS files, and why a 3,000-point one did better only while it still held the novel
 * first scored points.
 */
final class AnomalyLikelihood {

    private static final double LOG_FLOOR = Math.log(1e-10);
    // A distribution of near-constant raw scores would make any wobble look impossible.
    private static final double MIN_STDEV = 0.02;
    // Long-run statistics average over at most this many histories of points, so an endless stream still forgets.
    static final int LONG_MEMORY = 10;

    private final double[] history;
    private final double[] recent;
    private final long longHorizon;
    // Weight of the long-run variance when the history's is smaller: 0 keeps the history's, 1 takes the long run's.
    private final double longWeight;
    private long longCount;
    private double longMean;
    private double longVariance;
    private int historyCount;
    private int historyNext;
    private double sum;
    private double sumSquares;
    private int recentCount;
    private int recentNext;
    private double recentSum;

    AnomalyLikelihood(int historyPoints, int recentPoints, double longWeight) {
        this.longWeight = longWeight;
        this.history = new double[historyPoints];
        this.recent = new double[recentPoints];
        this.longHorizon = (long) LONG_MEMORY * historyPoints;
    }

    /** Adds a raw score and answers the log-scaled likelihood of the recent ones, in [0, 1]. */
    double update(double raw) {
        if (recentCount == recent.length) {
            recentSum -= recent[recentNext];
        } else {
            recentCount++;
        }
        recent[recentNext] = raw;
        recentSum += raw;
        recentNext = (recentNext + 1) % recent.length;

        double result = 0.0;
        if (historyCount > 1) {
            double mean = sum / historyCount;
            double variance = Math.max(0.0, sumSquares / historyCount - mean * mean);
            double shrunk = longWeight * longVariance + (1 - longWeight) * variance;
            double stdev = Math.max(MIN_STDEV, Math.sqrt(Math.max(variance, shrunk)));
            double z = (recentSum / recentCount - mean) / stdev;
            double tail = NormalTail.upper(z);
            result = Math.min(1.0, Math.max(0.0, Math.log(tail + 1e-10) / LOG_FLOOR));
        }

        learnLongRun(raw);
        if (historyCount == history.length) {
            double old = history[historyNext];
            sum -= old;
            sumSquares -= old * old;
        } else {
            historyCount++;
        }
        history[historyNext] = raw;
        sum += raw;
        sumSquares += raw * raw;
        historyNext = (historyNext + 1) % history.length;
        return result;
    }

    /**
     * Running mean and population variance of every raw score (Welford's update); past {@code longHorizon} points each
     * new score weighs 1 / longHorizon, an exponential memory of that length.
     */
    private void learnLongRun(double raw) {
        longCount = Math.min(longCount + 1, longHorizon);
        double weight = 1.0 / longCount;
        double delta = raw - longMean;
        longMean += weight * delta;
        longVariance = (1 - weight) * (longVariance + weight * delta * delta);
    }
}
