package io.perfsuite.loadbalancer.strategy;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.perfsuite.loadbalancer.endpoint.Endpoint;

/**
 * Each candidate in turn, ignoring weights (weighted-round-robin uses them). The cursor is shared
 * across event-loop threads; when the candidate set changes the rotation simply continues from the cursor.
 */
public final class RoundRobinStrategy implements BalancingStrategy {

    public static final String NAME = "round-robin";

    private final AtomicLong cursor = new AtomicLong();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Endpoint choose(List<Endpoint> candidates, RequestAttributes request) {
        int n = candidates.size();
        if (n == 0) {
            return null;
        }
        return candidates.get((int) Math.floorMod(cursor.getAndIncrement(), (long) n));
    }
}
