package io.perfsuite.loadbalancer.resilience;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One backend's concurrency limit with a bounded FIFO queue, as callbacks so the proxy never blocks an event loop.
 * {@link #admit} runs {@code onAdmitted} at once when a slot is free, queues the request when not, or rejects it when
 * the queue is full. A slot freed by {@link Ticket#release()} goes to the oldest waiter, whose {@code onAdmitted} then
 * runs on the releasing thread (the proxy hops to the request's own context if it needs to). Queued requests past the
 * queue timeout are rejected by {@link #expire()}, which the proxy calls from a timer ({@link #nextExpiry()} says when);
 * time comes only from the injected clock.
 * <p>
 * Callbacks always run outside the lock, so they may call back into the queue.
 */
public final class AdmissionQueue {

    private final AdmissionLimits limits;
    private final Clock clock;
    private final ArrayDeque<Ticket> waiting = new ArrayDeque<>();
    private int active;

    public AdmissionQueue(AdmissionLimits limits, Clock clock) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public AdmissionLimits limits() {
        return limits;
    }

    /**
     * Asks for a slot. Exactly one of the callbacks runs, exactly once, unless the ticket is released while still
     * queued (the client went away), in which case neither does.
     *
     * @return the ticket to {@link Ticket#release() release} when the request is over, however it ended
     */
    public Ticket admit(Runnable onAdmitted, Consumer<Rejection> onRejected) {
        Objects.requireNonNull(onAdmitted, "onAdmitted");
        Objects.requireNonNull(onRejected, "onRejected");
        Ticket ticket = new Ticket(onAdmitted, onRejected, clock.millis());
        boolean admitted;
        synchronized (this) {
            if (limits.unlimited() || active < limits.maxConcurrent()) {
                active++;
                ticket.state = TicketState.ADMITTED;
                admitted = true;
            } else if (waiting.size() < limits.maxQueued()) {
                waiting.addLast(ticket);
                return ticket;
            } else {
                ticket.state = TicketState.REJECTED;
                admitted = false;
            }
        }
        if (admitted) {
            onAdmitted.run();
        } else {
            onRejected.accept(new Rejection(Rejection.Reason.QUEUE_FULL, Duration.ZERO, limits.queueTimeout()));
        }
        return ticket;
    }

    /** Rejects every queued request that has waited the queue timeout. */
    public void expire() {
        long now = clock.millis();
        long timeout = limits.queueTimeout().toMillis();
        List<Ticket> expired = new ArrayList<>();
        synchronized (this) {
            // FIFO: the head is the oldest, so stop at the first one still within its timeout
            while (!waiting.isEmpty() && now - waiting.peekFirst().queuedAtMillis >= timeout) {
                Ticket ticket = waiting.pollFirst();
                ticket.state = TicketState.REJECTED;
                expired.add(ticket);
            }
        }
        for (Ticket ticket : expired) {
            ticket.onRejected.accept(new Rejection(Rejection.Reason.QUEUE_TIMEOUT,
                    Duration.ofMillis(now - ticket.queuedAtMillis), limits.queueTimeout()));
        }
    }

    /** When the oldest queued request times out, for the proxy's timer; empty when nothing waits. */
    public synchronized Optional<Instant> nextExpiry() {
        Ticket head = waiting.peekFirst();
        return head == null
                ? Optional.empty()
                : Optional.of(Instant.ofEpochMilli(head.queuedAtMillis).plus(limits.queueTimeout()));
    }

    public synchronized int active() {
        return active;
    }

    public synchronized int queued() {
        return waiting.size();
    }

    private void release(Ticket ticket) {
        Ticket next = null;
        synchronized (this) {
            switch (ticket.state) {
                case QUEUED -> {
                    waiting.remove(ticket);
                    ticket.state = TicketState.RELEASED;
                    return;
                }
                case ADMITTED -> ticket.state = TicketState.RELEASED;
                default -> {
                    return;
                }
            }
            // hand the slot straight to the oldest waiter, or give it back
            next = waiting.pollFirst();
            if (next != null) {
                next.state = TicketState.ADMITTED;
            } else {
                active--;
            }
        }
        if (next != null) {
            next.onAdmitted.run();
        }
    }

    private enum TicketState {
        QUEUED, ADMITTED, REJECTED, RELEASED
    }

    /** One request's place: queued, holding a slot, rejected or done. */
    public final class Ticket {
        private final Runnable onAdmitted;
        private final Consumer<Rejection> onRejected;
        private final long queuedAtMillis;
        private TicketState state = TicketState.QUEUED;

        private Ticket(Runnable onAdmitted, Consumer<Rejection> onRejected, long queuedAtMillis) {
            this.onAdmitted = onAdmitted;
            this.onRejected = onRejected;
            this.queuedAtMillis = queuedAtMillis;
        }

        /**
         * Ends this request's claim: frees its slot if it held one, leaves the queue if it waited. Idempotent, so the
         * proxy may call it from every completion path.
         */
        public void release() {
            AdmissionQueue.this.release(this);
        }

        public boolean admitted() {
            synchronized (AdmissionQueue.this) {
                return state == TicketState.ADMITTED;
            }
        }
    }
}
