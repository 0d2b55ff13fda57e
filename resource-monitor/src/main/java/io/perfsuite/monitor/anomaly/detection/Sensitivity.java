package io.perfsuite.monitor.anomaly.detection;

/**
 * How a caller's sensitivity in [0, 1] becomes a score threshold. 0.5 is the threshold NAB's standard profile chose for
 * the default detector (bench/resource-monitor); 1 flags far more (the square of it), 0 only a score of 1.
 */
public final class Sensitivity {

    /** The standard-profile threshold of {@link DetectorSettings#defaults()} on NAB. */
    public static final double TUNED_THRESHOLD = 0.3848;
    public static final double DEFAULT = 0.5;

    private Sensitivity() {
    }

    public static double threshold(double sensitivity) {
        if (!(sensitivity >= 0.0 && sensitivity <= 1.0)) {
            throw new IllegalArgumentException("sensitivity must be in [0, 1], was " + sensitivity);
        }
        return Math.pow(TUNED_THRESHOLD, 2.0 * sensitivity);
    }

    public static boolean isAnomalous(double score, double sensitivity) {
        return score >= threshold(sensitivity);
    }
}
