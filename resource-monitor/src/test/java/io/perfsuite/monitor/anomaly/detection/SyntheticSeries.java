package io.perfsuite.monitor.anomaly.detection;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;

/** Deterministic test series at a 5-minute step: a daily wave with seeded noise, optionally with a spike. */
public final class SyntheticSeries {

    public static final Instant START = Instant.parse("2026-01-05T00:00:00Z");
    public static final Duration STEP = Duration.ofMinutes(5);

    private SyntheticSeries() {
    }

    public static Instant at(int i) {
        return START.plus(STEP.multipliedBy(i));
    }

    /** 50 + 20 sin(daily) + N(0, 1) noise, seeded. */
    public static double[] daily(int n, long seed) {
        Random random = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = 50 + 20 * Math.sin(2 * Math.PI * i / 288.0) + random.nextGaussian();
        }
        return v;
    }

    public static double[] withSpike(double[] values, int at, double height) {
        double[] v = values.clone();
        v[at] += height;
        return v;
    }

    public static double[] flat(int n, double level) {
        double[] v = new double[n];
        java.util.Arrays.fill(v, level);
        return v;
    }

    public static double[] scores(AnomalyDetector detector, double[] values) {
        double[] s = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            s[i] = detector.score(at(i), values[i]);
        }
        return s;
    }
}
