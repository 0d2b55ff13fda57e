package io.perfsuite.cache.tier;

import java.time.Duration;

/**
 * A write, delete or invalidation that could not reach Redis and was therefore not acknowledged. It is refused rather
 * than answered from L1 alone, which cannot honour it (Redis comes back with the old data, and other replicas never
 * heard of it), and a journal kept in this replica's memory would die with the replica.
 */
public class WriteRefusedException extends RuntimeException {

    private final transient Duration retryAfter;

    public WriteRefusedException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause, false, false);
        this.retryAfter = retryAfter;
    }

    /** Whole seconds to send as {@code Retry-After}: the breaker's remaining cool-down, at least one. */
    public long retryAfterSeconds() {
        long seconds = retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}
