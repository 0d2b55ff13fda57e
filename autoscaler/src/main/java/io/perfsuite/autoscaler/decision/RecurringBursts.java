package io.perfsuite.autoscaler.decision;

/**
 * Bursts that come back at the same minute of the day on some days but not all (a job every two hours whose start
 * drifts by half an hour now and then): a profile averaged over days halves them, its maximum over days pays for them
 * on every day. Instead, each coming step gets the share of past days (newer days weigh more) on which a burst started
 * at that minute, and the height those bursts reached relative to the level they rose from. The forecaster uses the
 * height only where that share passes {@link ForecasterParameters#burstThreshold()}, so capacity is launched ahead of
 * the slots that usually burst and nowhere else.
 * <p>
 * A burst starts at a step at least {@link #RISE} times the mean of the {@link #BASELINE_STEPS} steps before it, the
 * step before it not; its height is the highest of its first {@link #PEAK_STEPS} steps over that mean. Pure: the
 * series' own past is the only input.
 */
final class RecurringBursts {

    /** The level a burst rises from: the mean of this many steps before it. */
    static final int BASELINE_STEPS = 10;
    /** A step at least this many times that level starts a burst. */
    static final double RISE = 1.5;
    /** A burst's height: the highest of its first steps. */
    static final int PEAK_STEPS = 4;
    /** Past days looked at; fewer than {@link #MINIMUM_DAYS} seen and no slot counts as bursting. */
    static final int DAYS = 7;
    static final int MINIMUM_DAYS = 3;
    /** Weight of each older day against the one after it. */
    static final double DECAY = 0.85;

    private final int day;

    RecurringBursts(int daySteps) {
        this.day = daySteps;
    }

    /**
     * The most likely burst over the coming steps.
     *
     * @param probability the decayed share of past days on which a burst started at that step's minute
     * @param peak the level now times the mean relative height of those bursts, 0 without any
     */
    record Outlook(double probability, double peak) {
        static final Outlook NONE = new Outlook(0, 0);
    }

    /**
     * @param x the history, one value per step, the last the current (partial) step
     * @param horizon how many steps to look at, the current one first
     * @param threshold a step counts when its share reaches this; the outlook is the highest peak among those, or
     *        else the step with the highest share
     */
    Outlook outlook(double[] x, int horizon, double threshold) {
        int n = x.length;
        if (n < BASELINE_STEPS + 2) {
            return Outlook.NONE;
        }
        double level = mean(x, n - 1 - BASELINE_STEPS, n - 1);
        Outlook best = Outlook.NONE;
        // the current step too: a burst starts within its step, and a floor dropped at the step's start comes too early
        for (int s = n - 1; s < n - 1 + horizon; s++) {
            double weights = 0;
            double bursting = 0;
            double heights = 0;
            int seen = 0;
            double w = 1;
            for (int k = 1; k <= DAYS; k++, w *= DECAY) {
                int c = s - k * day;
                // the burst must have been seen whole, and the level before it
                if (c - BASELINE_STEPS - 1 < 0 || c + PEAK_STEPS > n - 1) {
                    continue;
                }
                seen++;
                weights += w;
                double height = burstHeight(x, c);
                if (height > 0) {
                    bursting += w;
                    heights = Math.max(heights, height);
                }
            }
            if (seen < MINIMUM_DAYS || bursting == 0) {
                continue;
            }
            Outlook here = new Outlook(bursting / weights, level * heights);
            boolean counts = here.probability() >= threshold;
            boolean bestCounts = best.probability() >= threshold;
            if (counts && (!bestCounts || here.peak() > best.peak())
                    || !counts && !bestCounts && here.probability() > best.probability()) {
                best = here;
            }
        }
        return best;
    }

    /** The height of the burst starting at {@code i} relative to the level before it, 0 when none starts there. */
    static double burstHeight(double[] x, int i) {
        double base = mean(x, i - BASELINE_STEPS, i);
        if (!(base > 0) || x[i] < RISE * base || x[i - 1] >= RISE * base) {
            return 0;
        }
        double peak = x[i];
        for (int j = i + 1; j < Math.min(x.length, i + PEAK_STEPS); j++) {
            peak = Math.max(peak, x[j]);
        }
        return peak / base;
    }

    private static double mean(double[] x, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += x[i];
        }
        return sum / (to - from);
    }
}
