package io.perfsuite.loadbalancer.resilience;

import java.time.Duration;
import java.util.Objects;

/**
 * Per-backend concurrency limits: HAProxy's {@code maxconn}, {@code maxqueue} and {@code timeout queue}, Envoy's
 * {@code max_requests} and {@code max_pending_requests}.
 *
 * @param maxConcurrent requests in flight at once; 0 means unlimited
 * @param maxQueued requests waiting for a slot; 0 means none wait (rejected at once when full)
 * @param queueTimeout how long a request may wait in the queue
 */
public record AdmissionLimits(int maxConcurrent, int maxQueued, Duration queueTimeout) {

    public static final AdmissionLimits UNLIMITED = new AdmissionLimits(0, 0, Duration.ofSeconds(1));

    public AdmissionLimits {
        Objects.requireNonNull(queueTimeout, "queueTimeout");
        if (maxConcurrent < 0) {
            throw new IllegalArgumentException("max concurrent must not be negative, was " + maxConcurrent);
        }
        if (maxQueued < 0) {
            throw new IllegalArgumentException("max queued must not be negative, was " + maxQueued);
        }
        if (queueTimeout.isNegative() || queueTimeout.isZero()) {
            throw new IllegalArgumentException("queue timeout must be positive, was " + queueTimeout);
        }
    }

    public boolean unlimited() {
        return maxConcurrent == 0;
    }
}
