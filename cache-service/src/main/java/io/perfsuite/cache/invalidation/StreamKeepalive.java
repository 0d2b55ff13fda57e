package io.perfsuite.cache.invalidation;

import java.time.Duration;

/**
 * Liveness of one invalidation stream. A partition that closes nothing (no FIN, no RST) leaves a tracking connection
 * that looks open while no push can arrive, so L1 would keep stale values for ever: a stream silent for
 * {@code interval} gets a PING, and a PING unanswered for {@code timeout} declares it dead. Anything heard (a push, a
 * reply) counts as alive. Detection is bounded by {@code interval + timeout} plus one tick of the caller's timer.
 * <p>
 * Time is a monotonic nanosecond reading passed in by the caller, never read here. Its owner's timer and push handler may run on different threads, so the two calls are synchronized.
 */
public final class StreamKeepalive {

    /** What the connection's owner does on a tick. */
    public enum Action {
        NONE, PING, DEAD
    }

    private final long intervalNanos;
    private final long timeoutNanos;
    private long lastHeard;
    private long pingSentAt;
    private boolean pingOutstanding;

    public StreamKeepalive(Duration interval, Duration timeout, long nowNanos) {
        if (interval.isNegative() || interval.isZero() || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("keepalive interval and timeout must be positive");
        }
        this.intervalNanos = interval.toNanos();
        this.timeoutNanos = timeout.toNanos();
        this.lastHeard = nowNanos;
    }

    /** Something arrived on the stream: it is alive, and any PING out is answered. */
    public synchronized void heard(long nowNanos) {
        lastHeard = nowNanos;
        pingOutstanding = false;
    }

    /** Called periodically; {@link Action#PING} means send one now (it is counted as sent). */
    public synchronized Action tick(long nowNanos) {
        if (pingOutstanding) {
            return nowNanos - pingSentAt >= timeoutNanos ? Action.DEAD : Action.NONE;
        }
        if (nowNanos - lastHeard >= intervalNanos) {
            pingOutstanding = true;
            pingSentAt = nowNanos;
            return Action.PING;
        }
        return Action.NONE;
    }

    /** How often to tick so detection is late by at most a fraction of the shorter of the two periods. */
    public static Duration tickPeriod(Duration interval, Duration timeout) {
        Duration shorter = interval.compareTo(timeout) < 0 ? interval : timeout;
        Duration quarter = shorter.dividedBy(4);
        return quarter.compareTo(Duration.ofMillis(10)) < 0 ? Duration.ofMillis(10) : quarter;
    }
}
