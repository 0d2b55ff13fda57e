package io.perfsuite.loadbalancer.strategy;

import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

import io.perfsuite.loadbalancer.endpoint.Endpoint;

/** A random candidate, in proportion to effective weight (uniform when weights are equal). */
public final class RandomStrategy implements BalancingStrategy {

    public static final String NAME = "random";

    private final RandomGenerator random;

    /** @param random must be safe to share between threads (java.util.Random is) */
    public RandomStrategy(RandomGenerator random) {
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
        if (n == 1 || WeightedDraw.equalWeights(candidates)) {
            return candidates.get(random.nextInt(n));
        }
        double[] weights = new double[n];
        for (int i = 0; i < n; i++) {
            weights[i] = candidates.get(i).effectiveWeight();
        }
        return candidates.get(WeightedDraw.index(weights, n, random));
    }
}
