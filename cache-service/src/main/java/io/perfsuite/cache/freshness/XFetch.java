package io.perfsuite.cache.freshness;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.DoubleSupplier;
import java.util.random.RandomGenerator;

import io.perfsuite.cache.entry.CacheEntry;

/**
 * Probabilistic early expiration (Vattani, Chierichetti and Lowenstein, "Optimal Probabilistic Cache Stampede
 * Prevention", VLDB 2015): a reader refreshes early when {@code now - delta * beta * ln(rand) >= expiry}.
 * <p>
 * {@code delta} is how long a recompute takes, so slow loads start refreshing earlier; {@code beta > 1} favours earlier
 * refreshes, {@code beta < 1} later ones, {@code 0} disables early refresh. For one reader the chance to refresh with
 * {@code r} left before expiry is {@code exp(-r / (delta * beta))}. Thread-safe if the random source is.
 */
public final class XFetch {

    public static final double DEFAULT_BETA = 1.0;

    private final DoubleSupplier random;
    private final double beta;

    /**
     * @param random yields values in {@code (0, 1]}; {@code 0} (or less) is treated as the smallest positive double so
     *        a draw of exactly zero cannot produce an infinite window, and values above 1 (or NaN) as 1 (no early
     *        refresh)
     */
    public XFetch(DoubleSupplier random) {
        this(random, DEFAULT_BETA);
    }

    public XFetch(DoubleSupplier random, double beta) {
        this.random = Objects.requireNonNull(random, "random");
        if (!(beta >= 0) || Double.isInfinite(beta)) {
            throw new IllegalArgumentException("beta must be a finite number >= 0 but was " + beta);
        }
        this.beta = beta;
    }

    /** Draws from {@code generator}, mapping its {@code [0, 1)} doubles onto the {@code (0, 1]} the formula wants. */
    public static XFetch withGenerator(RandomGenerator generator, double beta) {
        Objects.requireNonNull(generator, "generator");
        return new XFetch(() -> 1.0 - generator.nextDouble(), beta);
    }

    public double beta() {
        return beta;
    }

    /**
     * @param now the current time
     * @param expiry when the value stops being fresh
     * @param delta how long the last recompute took; negative counts as zero
     * @return true if this caller should recompute now; always true at or after {@code expiry}
     */
    public boolean shouldRefreshEarly(Instant now, Instant expiry, Duration delta) {
        Duration remaining = Duration.between(now, expiry);
        if (remaining.isNegative() || remaining.isZero()) {
            return true;
        }
        if (delta.isNegative() || delta.isZero() || beta == 0) {
            return false; // skip the draw: nothing to gain from it
        }
        double earlySeconds = seconds(delta) * beta * -Math.log(draw());
        return earlySeconds >= seconds(remaining);
    }

    /** Early refresh of an entry's freshness, using its recorded compute time as delta. */
    public boolean shouldRefreshEarly(CacheEntry entry, Instant now) {
        return shouldRefreshEarly(now, entry.freshUntil(), entry.computeTime());
    }

    private double draw() {
        double r = random.getAsDouble();
        if (r <= 0) {
            return Double.MIN_VALUE;
        }
        if (!(r <= 1)) { // above 1 or NaN
            return 1.0;
        }
        return r;
    }

    private static double seconds(Duration d) {
        return d.getSeconds() + d.getNano() / 1e9;
    }
}
