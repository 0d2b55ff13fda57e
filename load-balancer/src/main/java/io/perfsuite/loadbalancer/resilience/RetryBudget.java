package io.perfsuite.loadbalancer.resilience;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Linkerd-style retry budget: a retry is allowed while the retries of the last {@code window} stay within
 * {@code ratio x requests + minPerSecond x window seconds}. The ratio keeps retries from multiplying load on a failing
 * pool (0.2 caps it at +20 %); the floor lets a quiet pool still retry. The window slides in ten buckets, moved by the
 * injected clock.
 */
public final class RetryBudget {

    private static final int BUCKETS = 10;

    private final Settings settings;
    private final Clock clock;
    private final long bucketMillis;
    private final long[] requests = new long[BUCKETS];
    private final long[] retries = new long[BUCKETS];
    private long currentBucket;

    /**
     * @param ratio retries allowed per original request, e.g. 0.2
     * @param minPerSecond retries allowed per second whatever the traffic
     * @param window how far back requests and retries are counted
     */
    public record Settings(double ratio, int minPerSecond, Duration window) {

        public static final Settings DEFAULT = new Settings(0.2, 10, Duration.ofSeconds(10));

        public Settings {
            Objects.requireNonNull(window, "window");
            if (!(ratio >= 0) || Double.isInfinite(ratio)) {
                throw new IllegalArgumentException("retry ratio must be zero or more, was " + ratio);
            }
            if (minPerSecond < 0) {
                throw new IllegalArgumentException("min retries per second must not be negative, was " + minPerSecond);
            }
            if (window.toMillis() < BUCKETS) {
                throw new IllegalArgumentException("retry budget window must be at least 10 ms, was " + window);
            }
        }
    }

    public RetryBudget(Settings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.bucketMillis = settings.window().toMillis() / BUCKETS;
        this.currentBucket = clock.millis() / bucketMillis;
    }

    public Settings settings() {
        return settings;
    }

    /** Counts an original request (not a retry): each one earns {@code ratio} of a retry. */
    public synchronized void recordRequest() {
        roll();
        requests[slot(currentBucket)]++;
    }

    /** Takes one retry from the budget if there is one left. */
    public synchronized boolean tryAcquireRetry() {
        roll();
        if (retriesInWindow() + 1 > allowance()) {
            return false;
        }
        retries[slot(currentBucket)]++;
        return true;
    }

    /** Retries still allowed right now, for metrics and the admin API. */
    public synchronized long remaining() {
        roll();
        return Math.max(0, (long) Math.floor(allowance() - retriesInWindow()));
    }

    private double allowance() {
        long requestsInWindow = 0;
        for (long count : requests) {
            requestsInWindow += count;
        }
        double windowSeconds = settings.window().toMillis() / 1000.0;
        return settings.ratio() * requestsInWindow + settings.minPerSecond() * windowSeconds;
    }

    private long retriesInWindow() {
        long sum = 0;
        for (long count : retries) {
            sum += count;
        }
        return sum;
    }

    private void roll() {
        long bucket = clock.millis() / bucketMillis;
        if (bucket <= currentBucket) {
            return;
        }
        long steps = Math.min(BUCKETS, bucket - currentBucket);
        for (long i = 1; i <= steps; i++) {
            int slot = slot(currentBucket + i);
            requests[slot] = 0;
            retries[slot] = 0;
        }
        currentBucket = bucket;
    }

    private static int slot(long bucket) {
        return (int) Math.floorMod(bucket, (long) BUCKETS);
    }
}
