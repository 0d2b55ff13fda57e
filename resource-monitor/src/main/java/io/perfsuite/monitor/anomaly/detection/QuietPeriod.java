package io.perfsuite.monitor.anomaly.detection;

/**
 * After a detection, the next points are quiet: NAB counts one detection per anomaly window and an operator wants one
 * page per incident. A point clearly louder than everything reported since the quiet period began is still reported,
 * so a quiet period opened by a borderline score cannot hide a clear anomaly from a caller whose threshold is above
 * that score; but not within {@code settle} points of the last report, because a burst of novelty takes that long to
 * reach its full score (the likelihood averages the last few raw scores), and reporting each step of that climb pages
 * one incident two or three times. The quiet period ends early once the incident is over, that is once
 * {@code calmPoints} scores in a row stayed under the level that opened it: a quiet period that outlasts its incident hides
 * the next one (on NAB's AWS files a second window 100 to 300 points after the first was lost that way).
 */
final class QuietPeriod {

    // How much louder than the loudest reported point a point must be to be reported during the quiet period: enough
    // that a plateau of one incident is not paged twice (0.05, 0.1 and 0.2 score within 0.4 points on NAB).
    private static final double MARGIN = 0.1;
    private final double above;
    private final int points;
    private final int settle;
    private final int calmPoints;
    private int left;
    private int calm;
    private int sinceReport;
    private double loudest;
    private double climbPeak;

    /**
     * @param above a score at or above this opens a quiet period
     * @param points length of the quiet period
     * @param settle points after a report during which a louder point is still the same burst climbing
     * @param calmPoints scores in a row under {@code above} that end the quiet period early: longer than the
     *        likelihood's recent window and a climb's settling, so one incident's dips do not end it
     */
    QuietPeriod(double above, int points, int settle, int calmPoints) {
        this.above = above;
        this.points = points;
        this.settle = settle;
        this.calmPoints = calmPoints;
    }

    double apply(double score) {
        if (left > 0) {
            calm = score < above ? calm + 1 : 0;
            if (calm >= calmPoints) {
                left = 0;
            }
        }
        if (left > 0) {
            left--;
            sinceReport++;
            // the loudest point of the climb, reported once it settled (never a point from the future)
            climbPeak = Math.max(climbPeak, score);
            if (sinceReport > settle && climbPeak > loudest + MARGIN) {
                loudest = climbPeak;
                climbPeak = 0.0;
                sinceReport = 0;
                return loudest;
            }
            return 0.0;
        }
        if (score >= above) {
            left = points;
            calm = 0;
            sinceReport = 0;
            loudest = score;
            climbPeak = 0.0;
        }
        return score;
    }
}
