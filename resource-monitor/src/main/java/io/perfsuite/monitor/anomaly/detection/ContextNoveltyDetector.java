package io.perfsuite.monitor.anomaly.detection;

import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Contextual novelty over several time scales, in the spirit of the contextual detectors at the top of the NAB board
 * (CAD OSE, ARTime) but its own design: after a learning period fixes the bucket width from the series' range, each
 * point is described by a few contexts (the bucket now; the last three buckets in order; the slow trend of three
 * successive 8-point means on buckets twice as wide) and scores by how rarely each context was seen before. The raw
 * novelty then goes through {@link AnomalyLikelihood}; a value beyond all values seen so far scores by how far
 * beyond it is; and a detection starts a quiet period, since an operator (and
 * NAB) counts one incident once.
 */
public final class ContextNoveltyDetector implements AnomalyDetector {

    private static final int SLOW = 8;
    private static final int RING = 3 * SLOW + 1;
    private static final long MIX = 0x9E3779B97F4A7C15L;
    // Weights of the value, sequence and slow-trend contexts. Pairs of buckets and time-of-day slots were tried too
    // and lowered the NAB score (bench/resource-monitor), so they are not kept.
    private static final double VALUE_WEIGHT = 2.0;
    private static final double SEQUENCE_WEIGHT = 1.0;
    private static final double TREND_WEIGHT = 2.0;
    private static final double WEIGHT_SUM = VALUE_WEIGHT + SEQUENCE_WEIGHT + TREND_WEIGHT;

    private final DetectorSettings settings;
    private final AnomalyLikelihood likelihood;
    private final QuietPeriod quiet;
    private final Map<Long, Integer> seen = new HashMap<>();
    private final double[] values = new double[RING];
    private final RangeLearner range;
    private long count;
    private double width = Double.NaN;
    private double origin;
    private double slowSum;
    private double lowest = Double.POSITIVE_INFINITY;
    private double highest = Double.NEGATIVE_INFINITY;

    public ContextNoveltyDetector(DetectorSettings settings) {
        this.settings = settings;
        this.likelihood = new AnomalyLikelihood(settings.historyPoints(), settings.recentPoints(), settings.spreadBlend());
        this.quiet = new QuietPeriod(settings.suppressAbove(), settings.suppressPoints(), settings.recentPoints(),
                settings.calmPoints());
        this.range = new RangeLearner();
    }

    @Override
    public double score(Instant timestamp, double value) {
        values[(int) (count % RING)] = value;
        slowSum += value;
        if (count >= SLOW) {
            slowSum -= values[(int) ((count - SLOW) % RING)];
        }
        count++;
        if (count <= settings.learningPoints()) {
            range.add(value);
            lowest = Math.min(lowest, value);
            highest = Math.max(highest, value);
            if (count == settings.learningPoints()) {
                width = range.bucketWidth(settings.bins());
                origin = range.min();
            }
            return 0.0;
        }

        long b0 = bucket(value);
        long b1 = bucket(valueAgo(1));
        long b2 = bucket(valueAgo(2));
        long slowNow = coarse(slowSum / SLOW);
        long slowBefore = coarse(meanAgo(SLOW));
        long slowEarlier = coarse(meanAgo(2 * SLOW));
        double raw = (VALUE_WEIGHT * novelty(key(1, b0, 0, 0)) + SEQUENCE_WEIGHT * novelty(key(2, b2, b1, b0))
                + TREND_WEIGHT * novelty(key(3, slowEarlier, slowBefore, slowNow))) / WEIGHT_SUM;
        forgetIfFull();

        double score = Math.max(likelihood.update(raw), beyondExtremes(value));
        lowest = Math.min(lowest, value);
        highest = Math.max(highest, value);
        return quiet.apply(score);
    }

    /**
     * A value far outside everything seen so far is an anomaly however novel the recent past was: the likelihood
     * averages a lone spike away, an operator would not. Measured in spans of the values seen (never less than one
     * bucket).
     */
    private double beyondExtremes(double value) {
        double span = Math.max(highest - lowest, width);
        double excess = Math.max(value - highest, lowest - value) / span;
        return excess <= 0 ? 0.0 : 1.0 - Math.exp(-excess / settings.extremeScale());
    }

    /** How many contexts the detector remembers now (bounded by {@link DetectorSettings#maxContexts()}). */
    public int contextsRemembered() {
        return seen.size();
    }

    private double valueAgo(int points) {
        return values[(int) ((count - 1 - points) % RING)];
    }

    private double meanAgo(int points) {
        double s = 0;
        for (int i = points; i < points + SLOW; i++) {
            s += valueAgo(i);
        }
        return s / SLOW;
    }

    private long bucket(double v) {
        return (long) Math.floor((v - origin) / width);
    }

    private long coarse(double v) {
        return Math.floorDiv(bucket(v), 2);
    }

    /** 1 for a context never seen, falling as it recurs; then counts it. */
    private double novelty(long key) {
        Integer n = seen.merge(key, 1, Integer::sum);
        return 1.0 / n;
    }

    private static long key(long family, long a, long b, long c) {
        long h = family * MIX;
        h = (h ^ a) * MIX;
        h = (h ^ b) * MIX;
        h = (h ^ c) * MIX;
        return h ^ (h >>> 31);
    }

    // Halving every count keeps recent habits and drops contexts seen once, so memory stays bounded.
    private void forgetIfFull() {
        if (seen.size() < settings.maxContexts()) {
            return;
        }
        Iterator<Map.Entry<Long, Integer>> it = seen.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Long, Integer> e = it.next();
            int half = e.getValue() / 2;
            if (half == 0) {
                it.remove();
            } else {
                e.setValue(half);
            }
        }
    }
}
