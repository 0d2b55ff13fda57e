package io.perfsuite.router.routing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * At most one catalog reload per interval on behalf of statements calling functions the catalog does not know: a
 * client calling a function that really does not exist must not turn every request into a catalog query.
 */
public final class RefreshThrottle {

    private final Clock clock;
    private final Duration interval;
    private Instant last;

    public RefreshThrottle(Clock clock, Duration interval) {
        this.clock = clock;
        this.interval = interval;
    }

    /** True when a reload may start now; it then counts as the interval's one. */
    public synchronized boolean tryStart() {
        Instant now = clock.instant();
        if (last != null && now.isBefore(last.plus(interval))) {
            return false;
        }
        last = now;
        return true;
    }
}
