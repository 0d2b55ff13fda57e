package io.perfsuite.loadbalancer.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.perfsuite.testsupport.MutableClock;

class AdmissionQueueTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final List<String> events = new ArrayList<>();
    private final List<Rejection> rejections = new ArrayList<>();

    private AdmissionQueue queue(int maxConcurrent, int maxQueued) {
        return new AdmissionQueue(new AdmissionLimits(maxConcurrent, maxQueued, Duration.ofSeconds(2)), clock);
    }

    private AdmissionQueue.Ticket request(AdmissionQueue queue, String name) {
        return queue.admit(() -> events.add(name), rejection -> {
            events.add(name + " rejected " + rejection.reason());
            rejections.add(rejection);
        });
    }

    @Test
    void shouldAdmitAtOnceWhileSlotsAreFree() {
        AdmissionQueue queue = queue(2, 1);

        request(queue, "a");
        request(queue, "b");

        assertThat(events).containsExactly("a", "b");
        assertThat(queue.active()).isEqualTo(2);
    }

    @Test
    void shouldQueueThenRejectWhenTheQueueIsFull() {
        AdmissionQueue queue = queue(1, 2);
        request(queue, "a");
        request(queue, "b");
        request(queue, "c");

        request(queue, "d");

        assertThat(events).containsExactly("a", "d rejected QUEUE_FULL");
        assertThat(queue.queued()).isEqualTo(2);
        assertThat(rejections.get(0).waited()).isZero();
        assertThat(rejections.get(0).retryAfterSeconds()).isEqualTo(2);
    }

    @Test
    void shouldHandFreedSlotsToTheOldestWaiterFirst() {
        AdmissionQueue queue = queue(1, 3);
        AdmissionQueue.Ticket a = request(queue, "a");
        AdmissionQueue.Ticket b = request(queue, "b");
        request(queue, "c");

        a.release();
        b.release();

        assertThat(events).containsExactly("a", "b", "c");
        assertThat(queue.active()).isEqualTo(1);
        assertThat(queue.queued()).isZero();
    }

    @Test
    void shouldRejectQueuedRequestsOnceTheQueueTimeoutHasPassed() {
        AdmissionQueue queue = queue(1, 3);
        request(queue, "a");
        request(queue, "b");
        clock.advance(Duration.ofSeconds(1));
        request(queue, "c");
        assertThat(queue.nextExpiry()).contains(Instant.parse("2026-01-01T00:00:02Z"));

        clock.advance(Duration.ofMillis(999));
        queue.expire();
        assertThat(events).containsExactly("a");
        clock.advance(Duration.ofMillis(1));
        queue.expire();

        // b has waited its 2 s, c only 1 s
        assertThat(events).containsExactly("a", "b rejected QUEUE_TIMEOUT");
        assertThat(rejections.get(0).waited()).isEqualTo(Duration.ofSeconds(2));
        assertThat(queue.nextExpiry()).contains(Instant.parse("2026-01-01T00:00:03Z"));
    }

    @Test
    void shouldLeaveTheQueueWithoutCallbacksWhenAWaiterGoesAway() {
        AdmissionQueue queue = queue(1, 2);
        AdmissionQueue.Ticket a = request(queue, "a");
        AdmissionQueue.Ticket b = request(queue, "b");
        request(queue, "c");

        b.release();
        a.release();

        assertThat(events).containsExactly("a", "c");
    }

    @Test
    void shouldIgnoreASecondRelease() {
        AdmissionQueue queue = queue(1, 1);
        AdmissionQueue.Ticket a = request(queue, "a");
        AdmissionQueue.Ticket b = request(queue, "b");

        a.release();
        a.release();

        // b took a's slot; the second release must not free a slot b holds
        assertThat(queue.active()).isEqualTo(1);
        assertThat(b.admitted()).isTrue();
        b.release();
        assertThat(queue.active()).isZero();
    }

    @Test
    void shouldLetACallbackCallBackIntoTheQueue() {
        AdmissionQueue queue = queue(1, 1);
        List<AdmissionQueue.Ticket> tickets = new ArrayList<>();
        AdmissionQueue.Ticket first = request(queue, "a");
        // when admitted, this request finishes at once (a cache hit), which frees the slot again
        tickets.add(queue.admit(() -> {
            events.add("b");
            tickets.get(0).release();
        }, rejection -> events.add("b rejected")));

        first.release();

        assertThat(events).containsExactly("a", "b");
        assertThat(queue.active()).isZero();
    }

    @Test
    void shouldAdmitEverythingWhenUnlimited() {
        AdmissionQueue queue = new AdmissionQueue(AdmissionLimits.UNLIMITED, clock);

        for (int i = 0; i < 1000; i++) {
            request(queue, "r");
        }

        assertThat(events).hasSize(1000).containsOnly("r");
    }

    @Test
    void shouldRejectMeaninglessLimits() {
        assertThatThrownBy(() -> new AdmissionLimits(-1, 0, Duration.ofSeconds(1)))
                .hasMessageContaining("max concurrent must not be negative");
        assertThatThrownBy(() -> new AdmissionLimits(1, 0, Duration.ZERO))
                .hasMessageContaining("queue timeout must be positive");
    }
}
