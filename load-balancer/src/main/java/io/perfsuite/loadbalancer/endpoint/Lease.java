package io.perfsuite.loadbalancer.endpoint;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One request's hold on an endpoint, from {@link Endpoint#begin()}. Exactly one of the ending methods counts; later
 * calls are ignored, so the proxy may end a lease from every completion path without double counting.
 */
public final class Lease {

    private final Endpoint endpoint;
    private final long startedNanos;
    /** requests already in flight on the endpoint when this one was sent: the queue its latency includes */
    private final int ahead;
    private final AtomicBoolean ended = new AtomicBoolean();

    Lease(Endpoint endpoint, long startedNanos, int ahead) {
        this.endpoint = endpoint;
        this.startedNanos = startedNanos;
        this.ahead = ahead;
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    /** The backend answered with {@code status} after {@code latencyNanos} (to the response head). */
    public void success(int status, long latencyNanos) {
        if (claim()) {
            endpoint.observeResponse(status, latencyNanos, ahead);
            endpoint.end(this);
        }
    }

    /** No connection could be made: a gateway failure, no latency sample. */
    public void connectFailure() {
        if (claim()) {
            endpoint.observeLocalFailure(0, ahead, false);
            endpoint.end(this);
        }
    }

    /** The connection died after the request went out, before a response head: a gateway failure. */
    public void reset() {
        if (claim()) {
            endpoint.observeLocalFailure(0, ahead, false);
            endpoint.end(this);
        }
    }

    /** No answer within the request timeout: a gateway failure, and the time waited is a latency sample. */
    public void timeout() {
        if (claim()) {
            long elapsedNanos = Math.max(0, endpoint.clockNanos() - startedNanos);
            endpoint.observeLocalFailure(elapsedNanos, ahead, true);
            endpoint.end(this);
        }
    }

    /** The client went away or the request was abandoned: says nothing about the backend. */
    public void cancel() {
        if (claim()) {
            endpoint.end(this);
        }
    }

    public boolean ended() {
        return ended.get();
    }

    // the outcome is recorded before the in-flight count drops, so the EWMA sees a busy endpoint (no idle decay)
    private boolean claim() {
        return ended.compareAndSet(false, true);
    }
}
