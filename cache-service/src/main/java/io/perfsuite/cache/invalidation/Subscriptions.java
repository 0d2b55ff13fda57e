package io.perfsuite.cache.invalidation;

import java.util.List;
import java.util.Set;

/**
 * Which streams a replica holds, and when to resubscribe: L1 is coherent only while every node holding data has its
 * stream up, and the set of streams is rebuilt (with an L1 flush, as every new stream flushes) when the masters change.
 */
public final class Subscriptions {

    private Subscriptions() {
    }

    /** True while every tracked node's stream is up. */
    public static boolean coherent(int tracked, int connected) {
        return tracked > 0 && connected == tracked;
    }

    /** Whether a topology check must resubscribe: the masters are a different set (order does not matter). */
    public static boolean mustResubscribe(List<String> tracked, List<String> current) {
        return !Set.copyOf(current).equals(Set.copyOf(tracked));
    }

    /** What a push from Redis asks of L1. */
    public enum Push {
        /** Not an invalidation (a reply, another push type): nothing. */
        IGNORE,
        /** {@code invalidate} with a null key list: Redis was flushed, so is L1. */
        FLUSH_ALL,
        /** {@code invalidate} naming keys: drop those. */
        KEYS
    }

    /**
     * @param isPush the message is a RESP3 push
     * @param size its element count
     * @param kind its first element, the push's name
     * @param keysNull whether the key list (second element) is null
     */
    public static Push classify(boolean isPush, int size, String kind, boolean keysNull) {
        if (!isPush || size < 2 || !"invalidate".equals(kind)) {
            return Push.IGNORE;
        }
        return keysNull ? Push.FLUSH_ALL : Push.KEYS;
    }
}
