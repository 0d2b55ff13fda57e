package io.perfsuite.monitor.anomaly.detection;

/**
 * What a detector learns from and how it reports. The defaults are the grid setting that scores best on the whole local
 * NAB corpus, the same procedure that leaving one category out applies to the others (bench/resource-monitor), not a
 * hand pick; nothing here depends on a series' length, which a stream does not know.
 *
 * @param learningPoints points used to learn the series' range before any score is given
 * @param bins value buckets across the learned range (values outside it get buckets of their own)
 * @param historyPoints long-run raw scores the likelihood compares the recent ones with
 * @param recentPoints raw scores averaged into the recent score
 * @param suppressAbove a score at or above this counts as a detection and starts a quiet period
 * @param suppressPoints length of that quiet period, in points: one incident is reported once
 * @param extremeScale how far beyond the extremes seen so far (in spans of the values seen) a value scores 1 - 1/e
 * @param slotSeconds width of a time-of-day slot of the seasonal baseline
 * @param maxContexts contexts remembered before the rarest are forgotten (bounds memory on endless streams)
 * @param spreadBlend how far, in [0, 1], the likelihood's spread moves from a calm history's back to the long run's
 * @param calmPoints scores in a row under {@code suppressAbove} after which a quiet period ends (its incident is over)
 */
public record DetectorSettings(int learningPoints, int bins, int historyPoints, int recentPoints,
        double suppressAbove, int suppressPoints, double extremeScale, int slotSeconds, int maxContexts,
        double spreadBlend, int calmPoints) {

    public DetectorSettings {
        requirePositive("learningPoints", learningPoints);
        requirePositive("bins", bins);
        requirePositive("historyPoints", historyPoints);
        requirePositive("recentPoints", recentPoints);
        requirePositive("slotSeconds", slotSeconds);
        requirePositive("maxContexts", maxContexts);
        requirePositive("calmPoints", calmPoints);
        if (!(spreadBlend >= 0.0 && spreadBlend <= 1.0)) {
            throw new IllegalArgumentException("spreadBlend must be in [0, 1], was " + spreadBlend);
        }
        if (suppressPoints < 0) {
            throw new IllegalArgumentException("suppressPoints must be >= 0, was " + suppressPoints);
        }
        if (!(extremeScale > 0.0)) {
            throw new IllegalArgumentException("extremeScale must be > 0, was " + extremeScale);
        }
        if (!(suppressAbove > 0.0 && suppressAbove <= 1.0)) {
            throw new IllegalArgumentException("suppressAbove must be in (0, 1], was " + suppressAbove);
        }
    }

    public static DetectorSettings defaults() {
        return new DetectorSettings(300, 10, 3000, 3, 0.3, 300, 0.2, 3600, 200_000, 0.25, 90);
    }

    private static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, was " + value);
        }
    }
}
