package io.perfsuite.cache.invalidation;

import java.time.Duration;

/**
 * When a lost invalidation stream is tried again: at once-ish ({@link #FIRST}), then doubling up to {@link #MAX}, so
 * a Redis that is down for long is not hammered and one that blinked is back within a fraction of a second.
 */
public final class ResubscribeBackoff {

    public static final Duration FIRST = Duration.ofMillis(100);
    public static final Duration MAX = Duration.ofSeconds(5);

    private ResubscribeBackoff() {
    }

    /** The wait after {@code current} failed. */
    public static Duration next(Duration current) {
        Duration doubled = current.multipliedBy(2);
        return doubled.compareTo(MAX) > 0 ? MAX : doubled;
    }
}
