package io.perfsuite.monitor.anomaly.detection;

/**
 * Turns a raw novelty score into how unlikely the recent scores are: the mean of the last few raw scores is compared
 * with the long-run distribution of raw scores (taken as normal), and the tail probability is put on a log scale so
 * that 0.5 means one in 10^5 and 1 means one in 10^10. This is the post-processing Numenta's HTM detector applies on
 * NAB (Ahmad et al., "Unsupervised real-time anomaly detection for streaming data", Neurocomputing 2017): a detector
 * whose raw score is always noisy on a noisy series stops alerting on that noise, while a burst of novelty on a calm
 * series stands out.
 */
final class AnomalyLikelihood {

    private static final double LOG_FLOOR = Math.log(1e-10);
    // A distribution of near-constant raw scores would make any wobble look impossible.
    private static final double MIN_STDEV = 0.02;

    private final double[] history;
    private final double[] recent;
    private int historyCount;
    private int historyNext;
    private double sum;
    private double sumSquares;
    private int recentCount;
    private int recentNext;
    private double recentSum;

    AnomalyLikelihood(int historyPoints, int recentPoints) {
        this.history = new double[historyPoints];
        this.recent = new double[recentPoints];
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
            double stdev = Math.max(MIN_STDEV, Math.sqrt(variance));
            double z = (recentSum / recentCount - mean) / stdev;
            double tail = NormalTail.upper(z);
            result = Math.min(1.0, Math.max(0.0, Math.log(tail + 1e-10) / LOG_FLOOR));
        }

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
}
