package io.perfsuite.monitor.anomaly.detection;

import java.time.Instant;
import java.util.Arrays;

/**
 * The robust seasonal baseline: the expected value is the median of the last values seen in the same time-of-day slot
 * (a plain median over the last points before a day has passed), the residual is scaled by a running mean absolute
 * deviation whose updates are clipped (so one outlier does not widen the band it fell outside), and the normal tail
 * of that z goes through the same likelihood and quiet period as the contextual detector.
 */
public final class SeasonalBaselineDetector implements AnomalyDetector {

    private static final int PER_SLOT = 36;
    private static final int RECENT = 12;
    private static final double SCALE_ALPHA = 0.01;

    private final DetectorSettings settings;
    private final AnomalyLikelihood likelihood;
    private final QuietPeriod quiet;
    private final int slots;
    private final double[][] slotValues;
    private final int[] slotCounts;
    private final double[] recent = new double[RECENT];
    private final double[] scratch = new double[Math.max(PER_SLOT, RECENT)];
    private long count;
    private double scale = Double.NaN;

    public SeasonalBaselineDetector(DetectorSettings settings) {
        this.settings = settings;
        this.likelihood = new AnomalyLikelihood(settings.historyPoints(), settings.recentPoints(), settings.spreadBlend());
        this.quiet = new QuietPeriod(settings.suppressAbove(), settings.suppressPoints(), settings.recentPoints(),
                settings.calmPoints());
        this.slots = Math.max(1, 86_400 / settings.slotSeconds());
        this.slotValues = new double[slots][PER_SLOT];
        this.slotCounts = new int[slots];
    }

    @Override
    public double score(Instant timestamp, double value) {
        int slot = (int) (Math.floorMod(timestamp.getEpochSecond(), 86_400L) / settings.slotSeconds()) % slots;
        double expected = expected(slot);
        remember(slot, value);
        count++;
        if (Double.isNaN(expected)) {
            return 0.0;
        }
        double residual = Math.abs(value - expected);
        if (Double.isNaN(scale)) {
            scale = residual;
        }
        double floor = 1e-9 + 1e-6 * Math.abs(expected);
        double z = residual / Math.max(scale * 1.2533, floor);
        scale += SCALE_ALPHA * (Math.min(residual, 5 * Math.max(scale, floor)) - scale);
        if (count <= settings.learningPoints()) {
            return 0.0;
        }
        double raw = 1.0 - 2.0 * NormalTail.upper(z);
        // The likelihood averages a lone spike away; a residual beyond 6 robust deviations counts on its own.
        double direct = 1.0 - 2.0 * NormalTail.upper(Math.max(0.0, (z - 6.0) / 2.0));
        double score = Math.max(likelihood.update(Math.max(0.0, raw)), direct);
        return quiet.apply(score);
    }

    private double expected(int slot) {
        int n = slotCounts[slot];
        if (n >= 3) {
            return median(slotValues[slot], Math.min(n, PER_SLOT));
        }
        int r = (int) Math.min(count, RECENT);
        return r == 0 ? Double.NaN : median(recent, r);
    }

    private void remember(int slot, double value) {
        slotValues[slot][slotCounts[slot] % PER_SLOT] = value;
        slotCounts[slot]++;
        recent[(int) (count % RECENT)] = value;
    }

    private double median(double[] source, int n) {
        System.arraycopy(source, 0, scratch, 0, n);
        Arrays.sort(scratch, 0, n);
        return (n % 2 == 1) ? scratch[n / 2] : 0.5 * (scratch[n / 2 - 1] + scratch[n / 2]);
    }
}
