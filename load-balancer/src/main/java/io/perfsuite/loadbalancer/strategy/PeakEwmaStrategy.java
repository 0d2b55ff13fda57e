package io.perfsuite.loadbalancer.strategy;

import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

import io.perfsuite.loadbalancer.endpoint.Endpoint;

/**
 * Linkerd's balancer, the default: pick two distinct random candidates and send to the cheaper, where cost is the
 * latency the next request is expected to see: {@code peakEwmaRtt x (inFlight + 1) / sampledLoad}. Linkerd's
 * {@code peakEwmaRtt x (inFlight + 1)} counts queueing twice on a busy backend, whose measured RTT already includes the
 * requests it had in flight; dividing by the load the samples were taken at ({@link Endpoint#sampledLoad()}, 1 with one
 * request at a time, so Linkerd's formula there) makes it a per-request latency for a backend that queues, and a
 * constant for one whose latency does not grow with load. The estimate jumps to a higher sample at once and lets lower
 * ones in slowly, so a backend that turns slow is avoided within a request or two and trusted again only gradually.
 * Cost is divided by the effective weight, which with equal weights changes nothing and otherwise lets weights and slow
 * start count here too.
 */
public final class PeakEwmaStrategy implements BalancingStrategy {

    public static final String NAME = "peak-ewma";

    private final RandomGenerator random;

    /** @param random must be safe to share between threads (java.util.Random is) */
    public PeakEwmaStrategy(RandomGenerator random) {
        this.random = Objects.requireNonNull(random, "random");
    }

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
        if (n == 1) {
            return candidates.get(0);
        }
        long pair = WeightedDraw.distinctPair(n, random);
        Endpoint a = candidates.get(WeightedDraw.first(pair));
        Endpoint b = candidates.get(WeightedDraw.second(pair));
        return cost(b) < cost(a) ? b : a;
    }

    /** What choosing {@code endpoint} is expected to cost, in weighted milliseconds. */
    public static double cost(Endpoint endpoint) {
        double cost = endpoint.peakEwmaPerRequestMillis() * (endpoint.inFlight() + 1);
        double weight = endpoint.effectiveWeight();
        return weight > 0 ? cost / weight : Double.MAX_VALUE;
    }
}
