package io.perfsuite.loadbalancer.resilience;

import java.time.Duration;

/**
 * Why a request was not admitted, and the Retry-After the proxy should send with its 503.
 *
 * @param waited how long the request sat in the queue (zero when the queue was full on arrival)
 */
public record Rejection(Reason reason, Duration waited, Duration retryAfter) {

    public enum Reason {
        /** every slot busy and the queue full on arrival */
        QUEUE_FULL,
        /** waited the whole queue timeout without a slot */
        QUEUE_TIMEOUT
    }

    /** Retry-After in whole seconds, at least 1 (RFC 9110 delay-seconds). */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
