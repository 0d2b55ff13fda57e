package io.perfsuite.loadbalancer.strategy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

import io.perfsuite.loadbalancer.endpoint.Endpoint;

/**
 * Consistent hashing with bounded loads (Mirrokni, Thorup and Zadimoghaddam, 2018). Endpoints sit on a ring of virtual
 * nodes (in proportion to their configured weight); a request goes to the first endpoint clockwise from its key's hash
 * whose in-flight count is below {@code ceil(c x (inFlightTotal + 1) x weight / totalWeight)}, so no endpoint carries
 * more than c times its share and keys move only as far as they must. When an endpoint leaves, only the keys it held
 * move (with loads under the bound); the ring is rebuilt only when the candidate set or weights change.
 * <p>
 * A request without the key (no such header or cookie) is hashed on its client address; without that too, it goes to
 * a random candidate. The ring follows configured weights, not slow start: ramping a newcomer's arcs would move keys
 * on every step of its ramp.
 */
public final class ConsistentHashStrategy implements BalancingStrategy {

    public static final String NAME = "consistent-hash";

    private final HashKey key;
    private final double loadFactor;
    private final int virtualNodes;
    private final RandomGenerator random;
    private volatile Ring ring = new Ring(List.of(), new int[0], new long[0], new Endpoint[0]);

    /**
     * @param loadFactor the paper's c, at least 1 (1.25 by default: no endpoint above 125 % of the average)
     * @param virtualNodes ring points for the heaviest endpoint; lighter ones get proportionally fewer, at least one
     * @param random must be safe to share between threads (java.util.Random is)
     */
    public ConsistentHashStrategy(HashKey key, double loadFactor, int virtualNodes, RandomGenerator random) {
        this.key = Objects.requireNonNull(key, "key");
        if (!(loadFactor >= 1) || Double.isInfinite(loadFactor)) {
            throw new IllegalArgumentException("load factor must be at least 1, was " + loadFactor);
        }
        if (virtualNodes < 1 || virtualNodes > 10_000) {
            throw new IllegalArgumentException("virtual nodes must be between 1 and 10000, was " + virtualNodes);
        }
        this.loadFactor = loadFactor;
        this.virtualNodes = virtualNodes;
        this.random = Objects.requireNonNull(random, "random");
    }

    @Override
    public String name() {
        return NAME;
    }

    public HashKey key() {
        return key;
    }

    @Override
    public Endpoint choose(List<Endpoint> candidates, RequestAttributes request) {
        int n = candidates.size();
        if (n == 0) {
            return null;
        }
        if (n == 1) {
            return candidates.get(0);
        }
        String value = key.valueIn(request);
        if (value == null) {
            value = request.clientAddress();
        }
        if (value == null) {
            return candidates.get(random.nextInt(n));
        }
        return choose(ringFor(candidates), KeyHash.of(value));
    }

    private Endpoint choose(Ring current, long hash) {
        List<Endpoint> members = current.members;
        int n = members.size();
        long totalLoad = 0;
        double totalWeight = 0;
        for (int i = 0; i < n; i++) {
            totalLoad += members.get(i).inFlight();
            totalWeight += current.weights[i];
        }
        int start = Arrays.binarySearch(current.points, hash);
        if (start < 0) {
            start = -start - 1;
        }
        int size = current.points.length;
        Endpoint first = null;
        List<Endpoint> tried = new ArrayList<>(4);
        for (int step = 0; step < size && tried.size() < n; step++) {
            Endpoint owner = current.owners[(start + step) % size];
            if (first == null) {
                first = owner;
            }
            if (tried.contains(owner)) {
                continue;
            }
            tried.add(owner);
            double share = current.weightOf(owner) / totalWeight;
            long capacity = (long) Math.ceil(loadFactor * (totalLoad + 1) * share);
            if (owner.inFlight() < capacity) {
                return owner;
            }
        }
        // every endpoint at its bound cannot happen with c >= 1 (the bounds sum past the load), but in-flight counts
        // move under us: the key's own endpoint is the safe answer
        return first;
    }

    private Ring ringFor(List<Endpoint> candidates) {
        Ring current = ring;
        if (current.matches(candidates)) {
            return current;
        }
        current = Ring.build(candidates, virtualNodes);
        ring = current;
        return current;
    }

    /** Sorted ring points and their owners, for one candidate list and its weights. */
    private static final class Ring {
        final List<Endpoint> members;
        final int[] weights;
        final long[] points;
        final Endpoint[] owners;

        Ring(List<Endpoint> members, int[] weights, long[] points, Endpoint[] owners) {
            this.members = members;
            this.weights = weights;
            this.points = points;
            this.owners = owners;
        }

        static Ring build(List<Endpoint> candidates, int virtualNodes) {
            int n = candidates.size();
            int[] weights = new int[n];
            int maxWeight = 1;
            for (int i = 0; i < n; i++) {
                weights[i] = Math.max(1, candidates.get(i).configuredWeight());
                maxWeight = Math.max(maxWeight, weights[i]);
            }
            List<long[]> entries = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int nodes = (int) Math.max(1, Math.round((double) virtualNodes * weights[i] / maxWeight));
                String id = candidates.get(i).id();
                for (int v = 0; v < nodes; v++) {
                    // points depend on the id alone, so an endpoint's arcs stay put when others come and go
                    entries.add(new long[]{KeyHash.of(id + "#" + v), i});
                }
            }
            entries.sort((a, b) -> Long.compare(a[0], b[0]));
            long[] points = new long[entries.size()];
            Endpoint[] owners = new Endpoint[entries.size()];
            for (int p = 0; p < points.length; p++) {
                points[p] = entries.get(p)[0];
                owners[p] = candidates.get((int) entries.get(p)[1]);
            }
            return new Ring(List.copyOf(candidates), weights, points, owners);
        }

        boolean matches(List<Endpoint> candidates) {
            if (candidates.size() != members.size()) {
                return false;
            }
            for (int i = 0; i < weights.length; i++) {
                Endpoint candidate = candidates.get(i);
                if (candidate != members.get(i) || Math.max(1, candidate.configuredWeight()) != weights[i]) {
                    return false;
                }
            }
            return true;
        }

        double weightOf(Endpoint endpoint) {
            for (int i = 0; i < weights.length; i++) {
                if (members.get(i) == endpoint) {
                    return weights[i];
                }
            }
            return 1;
        }
    }
}
