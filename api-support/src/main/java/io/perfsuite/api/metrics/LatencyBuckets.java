package io.perfsuite.api.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The upper bounds of a latency histogram's buckets, checked once: positive, strictly increasing and few enough that
 * a route's series stay a handful (every bucket is one more series per method, route and status).
 */
public record LatencyBuckets(List<Duration> bounds) {

    /** More than this is a percentile histogram in all but name: the cardinality the buckets exist to avoid. */
    public static final int MAX_BUCKETS = 30;

    public LatencyBuckets {
        bounds = List.copyOf(bounds);
    }

    /**
     * @param property the configuration property the bounds came from, named in every error
     * @throws IllegalArgumentException naming the property, the rule and the offending value
     */
    public static LatencyBuckets of(String property, List<Duration> bounds) {
        List<String> problems = new ArrayList<>();
        if (bounds.isEmpty()) {
            problems.add("must list at least one bucket");
        }
        if (bounds.size() > MAX_BUCKETS) {
            problems.add("at most " + MAX_BUCKETS + " buckets, got " + bounds.size());
        }
        Duration previous = null;
        for (Duration bound : bounds) {
            if (bound.isNegative() || bound.isZero()) {
                problems.add("every bucket must be positive, got " + bound);
            } else if (previous != null && bound.compareTo(previous) <= 0) {
                problems.add("buckets must be strictly increasing, got " + bound + " after " + previous);
            }
            previous = bound;
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(property + ": " + String.join("; ", problems));
        }
        return new LatencyBuckets(bounds);
    }

    /** The bounds in nanoseconds, the unit Micrometer's timers take service-level objectives in. */
    public double[] nanos() {
        return bounds.stream().mapToDouble(Duration::toNanos).toArray();
    }
}
