package io.perfsuite.router.breaker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * One node's breaker. Closed: the node takes traffic; {@code failureThreshold} consecutive failures (failed probes or
 * connections dropped on the query path) open it. Open: no traffic for a backoff that doubles with each consecutive
 * trip ({@code baseOpen}, 2x, 4x... up to {@code maxOpen}); results in that time are ignored. Half-open: after the
 * backoff the health probes are the trial: {@code halfOpenSuccesses} good probes in a row close it (and reset the
 * backoff), one failure opens it again for the next, longer backoff. Client requests never serve as trials, so a
 * node flapping between up and down is kept out for longer and longer instead of failing a request each time.
 */
public final class CircuitBreaker {

    public enum State {
        CLOSED, OPEN, HALF_OPEN;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * @param failureThreshold consecutive failures that open a closed breaker
     * @param baseOpen how long the first trip keeps the breaker open
     * @param maxOpen the longest a trip keeps it open, however many came before
     * @param halfOpenSuccesses good probes in a row that close a half-open breaker
     */
    public record Settings(int failureThreshold, Duration baseOpen, Duration maxOpen, int halfOpenSuccesses) {

        public Settings {
            if (failureThreshold < 1 || halfOpenSuccesses < 1) {
                throw new IllegalArgumentException("failureThreshold and halfOpenSuccesses must be at least 1");
            }
            if (baseOpen.isNegative() || baseOpen.isZero() || maxOpen.compareTo(baseOpen) < 0) {
                throw new IllegalArgumentException("need 0 < baseOpen <= maxOpen");
            }
        }
    }

    /**
     * @param openUntil when an open breaker turns half-open; null unless open
     * @param trips consecutive trips without closing in between (the backoff exponent)
     */
    public record Snapshot(State state, int consecutiveFailures, int trips, Instant openUntil) {
    }

    private final Settings settings;
    private final Clock clock;
    /** Volatile so the read path checks it without a lock or a clock read (open and half-open both keep reads away). */
    private volatile State state = State.CLOSED;
    private int consecutiveFailures;
    private int trips;
    private int halfOpenPasses;
    private Instant openUntil;

    public CircuitBreaker(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** True only while closed: open and half-open breakers keep client traffic away. */
    public boolean allowsTraffic() {
        return state == State.CLOSED;
    }

    public synchronized State state() {
        return current();
    }

    public synchronized Snapshot snapshot() {
        State now = current();
        return new Snapshot(now, consecutiveFailures, trips, now == State.OPEN ? openUntil : null);
    }

    public synchronized void onSuccess() {
        switch (current()) {
            case CLOSED -> consecutiveFailures = 0;
            case HALF_OPEN -> {
                halfOpenPasses++;
                if (halfOpenPasses >= settings.halfOpenSuccesses()) {
                    state = State.CLOSED;
                    consecutiveFailures = 0;
                    trips = 0;
                }
            }
            case OPEN -> {
                // the backoff runs its course before any result counts
            }
        }
    }

    public synchronized void onFailure() {
        switch (current()) {
            case CLOSED -> {
                consecutiveFailures++;
                if (consecutiveFailures >= settings.failureThreshold()) {
                    trip();
                }
            }
            case HALF_OPEN -> {
                consecutiveFailures++;
                trip();
            }
            case OPEN -> consecutiveFailures++;
        }
    }

    /** The backoff of the next trip: base * 2^trips, capped. */
    Duration backoff(int tripsBefore) {
        Duration open = settings.baseOpen();
        for (int i = 0; i < tripsBefore && open.compareTo(settings.maxOpen()) < 0; i++) {
            open = open.multipliedBy(2);
        }
        return open.compareTo(settings.maxOpen()) > 0 ? settings.maxOpen() : open;
    }

    private void trip() {
        openUntil = clock.instant().plus(backoff(trips));
        trips++;
        halfOpenPasses = 0;
        state = State.OPEN;
    }

    private State current() {
        if (state == State.OPEN && !clock.instant().isBefore(openUntil)) {
            state = State.HALF_OPEN;
            halfOpenPasses = 0;
        }
        return state;
    }
}
