package io.perfsuite.router.execution;

import java.time.Duration;
import java.util.Optional;

/**
 * The pauses of a read-your-writes read waiting for a replica to replay its token: short and growing (1, 2, 4 ...
 * 20 ms), since most tokens are replayed within a few milliseconds and a long first pause would cost every such read
 * that much, and never past the deadline.
 */
public final class ReplayWait {

    static final Duration LONGEST_PAUSE = Duration.ofMillis(20);

    private ReplayWait() {
    }

    /**
     * @param attempt how many checks already said "not yet", from 0
     * @param leftNanos time left before the deadline
     * @return the pause before the next check, or empty when the deadline has passed (the read goes to the primary)
     */
    public static Optional<Duration> pauseAfter(int attempt, long leftNanos) {
        if (leftNanos <= 0) {
            return Optional.empty();
        }
        long pauseMillis = Math.min(LONGEST_PAUSE.toMillis(), 1L << Math.min(attempt, 5));
        return Optional.of(Duration.ofNanos(Math.min(leftNanos, Duration.ofMillis(pauseMillis).toNanos())));
    }
}
