package io.perfsuite.loadbalancer.strategy;

import java.util.List;
import java.util.random.RandomGenerator;

import io.perfsuite.loadbalancer.endpoint.Endpoint;

/** Draws an index in proportion to weights, and distinct index pairs for the power of two choices. */
final class WeightedDraw {

    private WeightedDraw() {
    }

    /** An index drawn with probability {@code weights[i] / sum}; uniform when every weight is zero. */
    static int index(double[] weights, int n, RandomGenerator random) {
        double total = 0;
        for (int i = 0; i < n; i++) {
            total += weights[i];
        }
        if (!(total > 0)) {
            return random.nextInt(n);
        }
        double point = random.nextDouble() * total;
        for (int i = 0; i < n; i++) {
            point -= weights[i];
            if (point < 0) {
                return i;
            }
        }
        // rounding left a sliver past the last weight
        for (int i = n - 1; i >= 0; i--) {
            if (weights[i] > 0) {
                return i;
            }
        }
        return n - 1;
    }

    /**
     * Two distinct indices in [0, n), n at least 2, each pair equally likely: the second draw skips the first, so P2C
     * never compares an endpoint with itself.
     */
    static long distinctPair(int n, RandomGenerator random) {
        int first = random.nextInt(n);
        int second = random.nextInt(n - 1);
        if (second >= first) {
            second++;
        }
        return ((long) first << 32) | second;
    }

    static int first(long pair) {
        return (int) (pair >>> 32);
    }

    static int second(long pair) {
        return (int) pair;
    }

    static boolean equalWeights(List<Endpoint> candidates) {
        double weight = candidates.get(0).effectiveWeight();
        for (int i = 1; i < candidates.size(); i++) {
            if (candidates.get(i).effectiveWeight() != weight) {
                return false;
            }
        }
        return true;
    }
}
