package io.perfsuite.loadbalancer.strategy;

import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

import io.perfsuite.loadbalancer.endpoint.Endpoint;

/**
 * Envoy's least_request. With equal effective weights: sample {@code choiceCount} candidates (two distinct ones by
 * default, the power of two choices) and take the one with the fewest requests in flight. With unequal weights (set
 * weights, or an endpoint in slow start): draw in proportion to {@code weight / (inFlight + 1)^bias}, so weight still
 * counts and a busy endpoint is still avoided; bias 0 ignores load, 1 (the default) is Envoy's.
 */
public final class LeastRequestStrategy implements BalancingStrategy {

    public static final String NAME = "least-request";

    private final RandomGenerator random;
    private final int choiceCount;
    private final double activeRequestBias;

    /** @param random must be safe to share between threads (java.util.Random is) */
    public LeastRequestStrategy(RandomGenerator random, int choiceCount, double activeRequestBias) {
        this.random = Objects.requireNonNull(random, "random");
        if (choiceCount < 2) {
            throw new IllegalArgumentException("choice count must be at least 2, was " + choiceCount);
        }
        if (!(activeRequestBias >= 0) || Double.isInfinite(activeRequestBias)) {
            throw new IllegalArgumentException("active request bias must be zero or more, was " + activeRequestBias);
        }
        this.choiceCount = choiceCount;
        this.activeRequestBias = activeRequestBias;
    }

    public LeastRequestStrategy(RandomGenerator random) {
        this(random, 2, 1.0);
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
        return WeightedDraw.equalWeights(candidates) ? fewestOfSample(candidates, n) : weighted(candidates, n);
    }

    private Endpoint fewestOfSample(List<Endpoint> candidates, int n) {
        Endpoint best;
        Endpoint other;
        if (choiceCount == 2) {
            long pair = WeightedDraw.distinctPair(n, random);
            best = candidates.get(WeightedDraw.first(pair));
            other = candidates.get(WeightedDraw.second(pair));
            return other.inFlight() < best.inFlight() ? other : best;
        }
        // more choices: sampled with replacement, as Envoy does
        best = candidates.get(random.nextInt(n));
        for (int i = 1; i < choiceCount; i++) {
            other = candidates.get(random.nextInt(n));
            if (other.inFlight() < best.inFlight()) {
                best = other;
            }
        }
        return best;
    }

    private Endpoint weighted(List<Endpoint> candidates, int n) {
        double[] weights = new double[n];
        for (int i = 0; i < n; i++) {
            Endpoint endpoint = candidates.get(i);
            double load = endpoint.inFlight() + 1;
            double divisor = activeRequestBias == 1.0 ? load : Math.pow(load, activeRequestBias);
            weights[i] = endpoint.effectiveWeight() / divisor;
        }
        return candidates.get(WeightedDraw.index(weights, n, random));
    }
}
