package io.perfsuite.cache.resilience;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Consecutive-failure circuit breaker, as a lock-free state machine over an injected clock.
 * <p>
 * CLOSED lets everything through and opens after {@link Config#failureThreshold} consecutive failures. OPEN rejects
 * until its cool-down has passed; the next {@link #allowRequest()} then moves to HALF_OPEN and is the single probe.
 * A successful probe closes the breaker and resets the cool-down; a failed one reopens it with the cool-down
 * doubled, up to {@link Config#maxOpenDuration}. If the probe never reports back within {@link Config#probeTimeout},
 * another probe is let through so a lost callback cannot wedge the breaker.
 * <p>
 * Outcomes reported while OPEN come from requests started before it opened and are ignored; while HALF_OPEN the
 * first outcome reported decides. {@link #state()} is the
 * stored state: an OPEN breaker whose cool-down has passed still says OPEN until a request asks. Listeners run on the
 * thread that caused the transition, after it took effect, and must be quick and not throw.
 */
public final class CircuitBreaker {

    public enum State {
        CLOSED, OPEN, HALF_OPEN
    }

    /** A state change, for listeners; {@link #recovered()} is the cue to flush an L1 that missed invalidations. */
    public record Transition(State from, State to, Instant at) {
        public boolean recovered() {
            return to == State.CLOSED;
        }
    }

    /**
     * @param failureThreshold consecutive failures that open the breaker; at least 1
     * @param openDuration first cool-down
     * @param maxOpenDuration cap for the doubling cool-down; at least {@code openDuration}
     * @param probeTimeout how long a HALF_OPEN probe may stay unanswered before another is allowed
     */
    public record Config(int failureThreshold, Duration openDuration, Duration maxOpenDuration,
            Duration probeTimeout) {

        public Config {
            if (failureThreshold < 1) {
                throw new IllegalArgumentException("failureThreshold must be >= 1 but was " + failureThreshold);
            }
            requirePositive("openDuration", openDuration);
            requirePositive("maxOpenDuration", maxOpenDuration);
            requirePositive("probeTimeout", probeTimeout);
            if (maxOpenDuration.compareTo(openDuration) < 0) {
                throw new IllegalArgumentException(
                        "maxOpenDuration " + maxOpenDuration + " must be >= openDuration " + openDuration);
            }
        }

        /** 5 failures, 1s cool-down doubling up to 30s, 5s probe timeout. */
        public static Config defaults() {
            return new Config(5, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(5));
        }

        private static void requirePositive(String name, Duration d) {
            Objects.requireNonNull(d, name);
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(name + " must be positive but was " + d);
            }
        }
    }

    /**
     * Immutable snapshot swapped by CAS. {@code until} is the end of the cool-down (OPEN) or the probe deadline
     * (HALF_OPEN); {@code coolDown} is the cool-down to use the next time the breaker opens from HALF_OPEN.
     */
    private record Snapshot(State state, int failures, Instant until, Duration coolDown) {
    }

    private final Config config;
    private final Clock clock;
    private final AtomicReference<Snapshot> current;
    private final List<Consumer<Transition>> listeners = new CopyOnWriteArrayList<>();

    public CircuitBreaker(Config config, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.current = new AtomicReference<>(new Snapshot(State.CLOSED, 0, Instant.MIN, config.openDuration()));
    }

    /** Registers a listener for every state change. */
    public void onTransition(Consumer<Transition> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public State state() {
        return current.get().state();
    }

    public Config config() {
        return config;
    }

    /** How long until a call may be tried again: zero while closed, else the rest of the cool-down or probe. */
    public Duration retryAfter() {
        Snapshot s = current.get();
        if (s.state() == State.CLOSED) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(clock.instant(), s.until());
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** Whether the caller may try the protected call now; a true from OPEN/HALF_OPEN makes the caller the probe. */
    public boolean allowRequest() {
        while (true) {
            Snapshot s = current.get();
            if (s.state() == State.CLOSED) {
                return true;
            }
            Instant now = clock.instant();
            if (now.isBefore(s.until())) {
                return false; // cooling down, or a probe is still out
            }
            Snapshot probing = new Snapshot(State.HALF_OPEN, 0, now.plus(config.probeTimeout()), s.coolDown());
            if (current.compareAndSet(s, probing)) {
                if (s.state() != State.HALF_OPEN) {
                    notifyListeners(new Transition(s.state(), State.HALF_OPEN, now));
                }
                return true;
            }
        }
    }

    public void onSuccess() {
        while (true) {
            Snapshot s = current.get();
            switch (s.state()) {
                case CLOSED -> {
                    if (s.failures() == 0 || current.compareAndSet(s, closed())) {
                        return;
                    }
                }
                case OPEN -> {
                    return;
                }
                case HALF_OPEN -> {
                    if (current.compareAndSet(s, closed())) {
                        notifyListeners(new Transition(State.HALF_OPEN, State.CLOSED, clock.instant()));
                        return;
                    }
                }
            }
        }
    }

    public void onFailure() {
        while (true) {
            Snapshot s = current.get();
            switch (s.state()) {
                case CLOSED -> {
                    int failures = s.failures() + 1;
                    if (failures < config.failureThreshold()) {
                        if (current.compareAndSet(s, new Snapshot(State.CLOSED, failures, s.until(), s.coolDown()))) {
                            return;
                        }
                    } else if (open(s, config.openDuration())) {
                        return;
                    }
                }
                case OPEN -> {
                    return;
                }
                case HALF_OPEN -> {
                    if (open(s, s.coolDown())) {
                        return;
                    }
                }
            }
        }
    }

    /** Opens for {@code coolDown}; the following reopen (failed probe) will wait twice as long, up to the cap. */
    private boolean open(Snapshot from, Duration coolDown) {
        Instant now = clock.instant();
        Duration next = coolDown.multipliedBy(2);
        if (next.compareTo(config.maxOpenDuration()) > 0) {
            next = config.maxOpenDuration();
        }
        if (!current.compareAndSet(from, new Snapshot(State.OPEN, 0, now.plus(coolDown), next))) {
            return false;
        }
        notifyListeners(new Transition(from.state(), State.OPEN, now));
        return true;
    }

    private Snapshot closed() {
        return new Snapshot(State.CLOSED, 0, Instant.MIN, config.openDuration());
    }

    private void notifyListeners(Transition t) {
        for (Consumer<Transition> listener : listeners) {
            listener.accept(t);
        }
    }
}
