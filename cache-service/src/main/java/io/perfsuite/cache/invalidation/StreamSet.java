package io.perfsuite.cache.invalidation;

import java.util.List;

/**
 * The invalidation streams of one replica, one per Redis node, and what follows from their ups and downs: L1 is
 * coherent only while every tracked node's stream is up; every stream that comes up flushes L1 first (it may have
 * missed invalidations while it was down); a stream of a retired generation (the masters changed) is closed, not
 * reconnected. The adapter calls these from the streams' event loops, so transitions are synchronized and the
 * read-path answer, {@link #coherent()}, is a volatile read.
 */
public final class StreamSet {

    /**
     * What follows from a stream that has come up. The adapter flushes L1 before it reports one (the stream may have
     * missed invalidations while it was down), so nothing cached before the flush is trusted.
     */
    public enum Up {
        /** It belongs to a retired generation: close it. */
        RETIRE,
        /** Counted; some other stream is still down. */
        UP,
        /** Every stream is up now, so L1 is trusted again: tell the listeners (warm start). */
        NOW_COHERENT
    }

    /** What to do with a stream that has just been lost. */
    public enum Down {
        /** It belonged to a retired generation: nothing to reconnect. */
        RETIRED,
        /** L1 is no longer trusted alone: reconnect (the reconnect flushes). */
        RECONNECT
    }

    private int generation;
    private int tracked;
    private int up;
    private volatile boolean coherent;
    private volatile boolean everCoherent;
    private volatile List<String> nodes = List.of();

    /** Starts a new generation following {@code current}: older streams are retired, none of the new ones is up. */
    public synchronized int track(List<String> current) {
        generation++;
        nodes = List.copyOf(current);
        tracked = nodes.size();
        up = 0;
        coherent = false;
        return generation;
    }

    /** Whether a stream of generation {@code gen} should still be (re)connected. */
    public synchronized boolean current(int gen) {
        return gen == generation;
    }

    public synchronized Up up(int gen) {
        if (gen != generation) {
            return Up.RETIRE;
        }
        up++;
        coherent = Subscriptions.coherent(tracked, up);
        if (coherent) {
            everCoherent = true;
            return Up.NOW_COHERENT;
        }
        return Up.UP;
    }

    public synchronized Down down(int gen) {
        if (gen != generation) {
            return Down.RETIRED;
        }
        up--;
        coherent = false;
        return Down.RECONNECT;
    }

    /** True while every tracked node's stream is up, so L1 may be served alone. */
    public boolean coherent() {
        return coherent;
    }

    /** Whether L1 has been trusted at least once, so it may hold values to serve through an outage. */
    public boolean everCoherent() {
        return everCoherent;
    }

    /** The nodes of the current generation. */
    public List<String> nodes() {
        return nodes;
    }
}
