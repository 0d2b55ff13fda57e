package io.perfsuite.loadbalancer.resilience;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which failed attempts may be sent again, to another endpoint: only for methods whose repetition is harmless (RFC
 * 9110 9.2.2's idempotent methods by default; POST and PATCH only if configured), only after a failure that is worth
 * retrying, and only {@code maxRetries} times. The {@link RetryBudget} has the last word.
 */
public record RetryPolicy(Set<String> methods, int maxRetries) {

    public static final Set<String> IDEMPOTENT_METHODS = Set.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE");

    public static final RetryPolicy DEFAULT = new RetryPolicy(IDEMPOTENT_METHODS, 2);

    /** A failed attempt as the proxy saw it. */
    public enum Failure {
        /** the connection to the backend could not be made: nothing was sent */
        CONNECT_FAILURE,
        /** the backend answered 503 (overloaded, draining) */
        UNAVAILABLE,
        /** the connection died after the request was sent, before a response head */
        RESET,
        /** no response within the request timeout */
        TIMEOUT
    }

    public RetryPolicy {
        Objects.requireNonNull(methods, "methods");
        methods = methods.stream().map(m -> m.toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        if (maxRetries < 0) {
            throw new IllegalArgumentException("max retries must not be negative, was " + maxRetries);
        }
    }

    /**
     * @param attemptsSoFar attempts already made, the first included
     * @param bodyReplayable whether the request body can be sent again (nothing streamed yet, or buffered)
     */
    public boolean mayRetry(String method, Failure failure, int attemptsSoFar, boolean bodyReplayable) {
        if (attemptsSoFar > maxRetries || !bodyReplayable || method == null) {
            return false;
        }
        if (!methods.contains(method.toUpperCase(Locale.ROOT))) {
            return false;
        }
        // a timed-out request may still be running on the backend: retrying it doubles the load on the slow one's
        // neighbours for a request that is probably slow everywhere, so timeouts answer 504 instead
        return failure != Failure.TIMEOUT;
    }
}
