package io.perfsuite.loadbalancer.endpoint;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One request's hold on an endpoint, from {@link Endpoint#begin()}. Exactly one of the ending methods counts; later
 * calls are ignored, so the proxy may end a lease from every completion path without double counting.
 */
public final class Lease {

    private final Endpoint endpoint;
    private final long startedMillis;
    private final AtomicBoolean ended = new AtomicBoolean();

    Lease(Endpoint endpoint, long startedMillis) {
        this.endpoint = endpoint;
        this.startedMillis = startedMillis;
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    /** The backend answered with {@code status} after {@code latencyNanos} (to the response head). */
    public void success(int status, long latencyNanos) {
        if (end()) {
            endpoint.observeResponse(status, latencyNanos);
        }
    }

    /** No connection could be made: a gateway failure, no latency sample. */
    public void connectFailure() {
        if (end()) {
            endpoint.observeLocalFailure(0, false);
        }
    }

    /** The connection died after the request went out, before a response head: a gateway failure. */
    public void reset() {
        if (end()) {
            endpoint.observeLocalFailure(0, false);
        }
    }

    /** No answer within the request timeout: a gateway failure, and the time waited is a latency sample. */
    public void timeout() {
        if (end()) {
            long elapsedMillis = Math.max(0, endpoint.clockMillis() - startedMillis);
            endpoint.observeLocalFailure(TimeUnit.MILLISECONDS.toNanos(elapsedMillis), true);
        }
    }

    /** The client went away or the request was abandoned: says nothing about the backend. */
    public void cancel() {
        end();
    }

    public boolean ended() {
        return ended.get();
    }

    private boolean end() {
        if (!ended.compareAndSet(false, true)) {
            return false;
        }
        endpoint.end(this);
        return true;
    }
}
