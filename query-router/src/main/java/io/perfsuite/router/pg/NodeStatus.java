package io.perfsuite.router.pg;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import io.perfsuite.router.breaker.CircuitBreaker;
import io.perfsuite.router.consistency.Lsn;
import io.perfsuite.router.redaction.Credentials;

/**
 * The live state of one node: written by {@link ReplicaLagMonitor} (samples) and the query path (outstanding
 * requests, failures), read by routing. Fields are volatile; a reader may see a sample half-updated for a moment,
 * which only ever makes it choose from slightly older numbers.
 */
public final class NodeStatus {

    private final PgNode node;
    private final CircuitBreaker breaker;
    private final AtomicInteger outstanding = new AtomicInteger();
    private final AtomicInteger inUse = new AtomicInteger();
    private final AtomicInteger sharedReads = new AtomicInteger();
    private volatile boolean up;
    private volatile boolean inRecovery;
    private volatile Lsn lsn = Lsn.ZERO;
    private volatile int timeline;
    private volatile long lagBytes;
    private volatile long lagMillis;
    private volatile Instant lastCheck = Instant.EPOCH;
    private volatile Instant lastCaughtUp = Instant.EPOCH;
    private volatile String error = "not checked yet";

    NodeStatus(PgNode node, CircuitBreaker breaker) {
        this.node = node;
        this.breaker = breaker;
    }

    /** Open while the node failed recently; reads only go to replicas whose breaker is closed. */
    public CircuitBreaker breaker() {
        return breaker;
    }

    public PgNode node() {
        return node;
    }

    public String name() {
        return node.name();
    }

    public boolean up() {
        return up;
    }

    public boolean inRecovery() {
        return inRecovery;
    }

    /** The primary's write position, or a replica's replay position, at the last sample. */
    public Lsn lsn() {
        return lsn;
    }

    public int timeline() {
        return timeline;
    }

    public long lagBytes() {
        return lagBytes;
    }

    public long lagMillis() {
        return lagMillis;
    }

    public Instant lastCheck() {
        return lastCheck;
    }

    public Instant lastCaughtUp() {
        return lastCaughtUp;
    }

    public String error() {
        return error;
    }

    public int outstanding() {
        return outstanding.get();
    }

    /** Pool connections of this node running a client statement now. */
    public int inUse() {
        return inUse.get();
    }

    /** Requests for this node still waiting for a pool connection. */
    public int waiting() {
        return Math.max(0, outstanding.get() - inUse.get() - sharedReads.get());
    }

    /** A read went to a shared connection: outstanding, but it needs no pool connection. */
    public void sharedReadStarted() {
        sharedReads.incrementAndGet();
    }

    public void sharedReadEnded() {
        sharedReads.decrementAndGet();
    }

    public void acquired() {
        inUse.incrementAndGet();
    }

    public void released() {
        inUse.decrementAndGet();
    }

    public void begin() {
        outstanding.incrementAndGet();
    }

    public void end() {
        outstanding.decrementAndGet();
    }

    void sampled(boolean inRecovery, Lsn lsn, int timeline, long lagBytes, long lagMillis, Instant at) {
        this.inRecovery = inRecovery;
        this.lsn = lsn;
        this.timeline = timeline;
        this.lagBytes = lagBytes;
        this.lagMillis = lagMillis;
        this.lastCheck = at;
        this.error = null;
        this.up = true;
        breaker.onSuccess();
    }

    void caughtUpAt(Instant at) {
        this.lastCaughtUp = at;
    }

    /** A failed probe or a connection failure on the query path: out of rotation until the next good sample. */
    public void failed(String message, Instant at) {
        breaker.onFailure();
        this.up = false;
        this.error = Credentials.redact(message);
        this.lastCheck = at;
    }
}
