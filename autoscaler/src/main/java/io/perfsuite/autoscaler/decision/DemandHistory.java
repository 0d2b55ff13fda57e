package io.perfsuite.autoscaler.decision;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * A metric's recent history at a fixed step: samples are averaged per step bucket, older buckets fall off after the
 * lookback. Gaps are filled forward when the series is read, as Crane fills them before forecasting.
 */
public final class DemandHistory {

    private final long stepSeconds;
    private final double[] sums;
    private final int[] counts;
    private long newestBucket = Long.MIN_VALUE;

    public DemandHistory(Duration lookback, Duration step) {
        this.stepSeconds = Math.max(1, step.toSeconds());
        int capacity = (int) Math.max(2, lookback.toSeconds() / stepSeconds);
        this.sums = new double[capacity];
        this.counts = new int[capacity];
    }

    public Duration step() {
        return Duration.ofSeconds(stepSeconds);
    }

    public void add(Instant at, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return;
        }
        long bucket = Math.floorDiv(at.getEpochSecond(), stepSeconds);
        if (newestBucket == Long.MIN_VALUE) {
            newestBucket = bucket;
            clear(bucket);
        } else if (bucket > newestBucket) {
            long from = Math.max(newestBucket + 1, bucket - sums.length + 1);
            for (long b = from; b <= bucket; b++) {
                clear(b);
            }
            newestBucket = bucket;
        } else if (bucket <= newestBucket - sums.length) {
            return;
        }
        int slot = slot(bucket);
        sums[slot] += value;
        counts[slot]++;
    }

    /** Buckets from the oldest one that has data up to the newest, gaps filled with the previous value. */
    public double[] series() {
        if (newestBucket == Long.MIN_VALUE) {
            return new double[0];
        }
        double[] values = new double[sums.length];
        int filled = 0;
        boolean started = false;
        double last = Double.NaN;
        for (long b = newestBucket - sums.length + 1; b <= newestBucket; b++) {
            int slot = slot(b);
            if (counts[slot] > 0) {
                last = sums[slot] / counts[slot];
                started = true;
            }
            if (started) {
                values[filled++] = last;
            }
        }
        return Arrays.copyOf(values, filled);
    }

    public int size() {
        return series().length;
    }

    private void clear(long bucket) {
        int slot = slot(bucket);
        sums[slot] = 0;
        counts[slot] = 0;
    }

    private int slot(long bucket) {
        return (int) Math.floorMod(bucket, (long) sums.length);
    }
}
