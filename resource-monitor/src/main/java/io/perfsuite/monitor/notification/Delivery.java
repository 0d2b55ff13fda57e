package io.perfsuite.monitor.notification;

import java.time.Instant;
import java.util.Map;

/**
 * One HTTP POST to make, as stored in the outbox: it is retried until the receiver answers 2xx, and is marked
 * delivered by id so it is made once.
 *
 * @param id unique per request; sent as {@code Idempotency-Key} so a receiver can drop a repeat after a crash
 * @param body the JSON document, as maps and lists
 * @param attempts how many POSTs were made so far
 * @param nextAttemptAt when the next may be made
 * @param lastError the last failure, or null
 */
public record Delivery(String id, String receiver, String url, Map<String, Object> body, Instant createdAt, int attempts,
        Instant nextAttemptAt, String lastError) {

    public Delivery retryAt(Instant next, String error) {
        return new Delivery(id, receiver, url, body, createdAt, attempts + 1, next, error);
    }
}
