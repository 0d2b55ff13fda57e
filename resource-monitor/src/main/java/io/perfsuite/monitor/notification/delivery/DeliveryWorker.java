package io.perfsuite.monitor.notification.delivery;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.perfsuite.monitor.config.MonitorConfig;
import io.perfsuite.monitor.notification.Delivery;
import io.perfsuite.monitor.notification.RetryBackoff;

/**
 * Posts due deliveries from the outbox. A 2xx marks the delivery done; a 5xx, 408, 429 or a network failure retries
 * with backoff until {@code give-up-after}; any other 4xx is the receiver refusing this body for good, so it goes to
 * the dead list at once instead of being retried for a day.
 */
@ApplicationScoped
public class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);

    private final Outbox outbox;
    private final ObjectMapper json;
    private final Clock clock;
    private final MonitorConfig.Notifications.Delivery config;
    private final RetryBackoff backoff;
    private final HttpClient http;
    private final String owner = "monitor-" + UUID.randomUUID();
    private final MeterRegistry registry;

    private final boolean anyReceiver;

    DeliveryWorker(Outbox outbox, ObjectMapper json, Clock clock, MonitorConfig config, MeterRegistry registry) {
        this.anyReceiver = !config.notifications().receivers().isEmpty();
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
        this.config = config.notifications().delivery();
        this.backoff = new RetryBackoff(this.config.initialBackoff(), this.config.maxBackoff(),
                () -> ThreadLocalRandom.current().nextDouble());
        this.http = HttpClient.newBuilder().connectTimeout(this.config.timeout()).build();
        this.registry = registry;
    }

    /** Posts what is due now; returns how many were delivered. */
    public int deliverDue() {
        if (!anyReceiver) {
            return 0;
        }
        int done = 0;
        for (String id : outbox.dueIds(clock.instant(), 32)) {
            var claimed = outbox.claim(id, owner, config.lease());
            if (claimed.isEmpty()) {
                continue;
            }
            if (deliver(claimed.get())) {
                done++;
            }
        }
        return done;
    }

    private boolean deliver(Delivery delivery) {
        String error;
        boolean retryable = true;
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(delivery.url()))
                    .timeout(config.timeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "perfsuite-resource-monitor")
                    .header("Idempotency-Key", delivery.id())
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(delivery.body())))
                    .build(), HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status / 100 == 2) {
                outbox.markDelivered(delivery, clock.instant(), owner);
                count(delivery, "delivered");
                return true;
            }
            retryable = status >= 500 || status == 408 || status == 429;
            error = "HTTP " + status + ": " + abbreviate(response.body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        }
        Instant now = clock.instant();
        Delivery failed = delivery.retryAt(now.plus(backoff.delay(delivery.attempts() + 1)), error);
        if (!retryable || Duration.between(delivery.createdAt(), now).compareTo(config.giveUpAfter()) > 0) {
            LOG.errorf("notification %s to %s given up after %d attempts: %s", delivery.id(), delivery.receiver(),
                    failed.attempts(), error);
            outbox.giveUp(failed, owner);
            count(delivery, "given-up");
        } else {
            LOG.warnf("notification %s to %s failed (attempt %d), retry at %s: %s", delivery.id(), delivery.receiver(),
                    failed.attempts(), failed.nextAttemptAt(), error);
            outbox.reschedule(failed, owner);
            count(delivery, "failed");
        }
        return false;
    }

    private void count(Delivery delivery, String outcome) {
        Counter.builder("monitor.notifications").description("notification POSTs by receiver and outcome")
                .tag("receiver", delivery.receiver()).tag("outcome", outcome).register(registry).increment();
    }

    private static String abbreviate(String body) {
        return body == null ? "" : body.length() > 200 ? body.substring(0, 200) + "…" : body;
    }
}
