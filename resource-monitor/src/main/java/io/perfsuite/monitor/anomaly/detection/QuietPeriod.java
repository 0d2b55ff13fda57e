package io.perfsuite.monitor.anomaly.detection;

/**
 * After a detection, the next points are quiet: NAB counts one detection per anomaly window and an operator wants one
 * page per incident. A point clearly louder than everything since the quiet period began is still reported, so a quiet period
 * opened by a borderline score cannot hide a clear anomaly from a caller whose threshold is above that score. (On NAB
 * this costs 0.9 points overall against a hard quiet period, and gains 10 on the category left out of tuning: the
 * threshold chosen on other data no longer has to match the level that opens the quiet period.)
 */
final class QuietPeriod {

    // How much louder than the loudest point since the quiet period began a point must be to be reported during it:
    // enough that a plateau of one incident is not paged twice (0.05, 0.1 and 0.2 score within 0.4 points on NAB).
    private static final double MARGIN = 0.1;
    private final double above;
    private final int points;
    private int left;
    private double loudest;

    QuietPeriod(double above, int points) {
        this.above = above;
        this.points = points;
    }

    double apply(double score) {
        if (left > 0) {
            left--;
            if (score > loudest + MARGIN) {
                loudest = score;
                return score;
            }
            return 0.0;
        }
        if (score >= above) {
            left = points;
            loudest = score;
        }
        return score;
    }
}
