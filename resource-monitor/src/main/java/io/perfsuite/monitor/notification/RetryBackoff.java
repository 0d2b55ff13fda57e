package io.perfsuite.monitor.notification;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter for failed deliveries: the n-th retry waits between half and all of
 * {@code initial * 2^n}, capped at {@code max}. Jitter keeps many failed deliveries from retrying in step; the random
 * source is injected so tests pin it.
 */
public record RetryBackoff(Duration initial, Duration max, DoubleSupplier random) {

    /** @param attempts deliveries tried so far (1 after the first failure) */
    public Duration delay(int attempts) {
        double base = initial.toMillis() * Math.pow(2, Math.max(0, attempts - 1));
        double capped = Math.min(base, max.toMillis());
        return Duration.ofMillis((long) (capped / 2 + capped / 2 * random.getAsDouble()));
    }
}
