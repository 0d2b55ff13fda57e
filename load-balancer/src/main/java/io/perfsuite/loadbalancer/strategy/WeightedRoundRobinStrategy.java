package io.perfsuite.loadbalancer.strategy;

import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import io.perfsuite.loadbalancer.endpoint.Endpoint;

/**
 * nginx's smooth weighted round-robin: every pick adds each candidate's effective weight to its running score, takes
 * the highest score and subtracts the total from it. Over any window of {@code sum(weights)} picks each endpoint gets
 * its share, interleaved (5:1:1 gives a a b a c a a, not a a a a a b c). Effective weights include slow start, so a
 * warming endpoint's share grows as its ramp does.
 */
public final class WeightedRoundRobinStrategy implements BalancingStrategy {

    public static final String NAME = "weighted-round-robin";

    private final Map<Endpoint, double[]> scores = new IdentityHashMap<>();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public synchronized Endpoint choose(List<Endpoint> candidates, RequestAttributes request) {
        int n = candidates.size();
        if (n == 0) {
            return null;
        }
        if (scores.size() > 2 * n + 8) {
            // endpoints that left the candidate set long ago: forget their scores
            scores.keySet().retainAll(new HashSet<>(candidates));
        }
        double total = 0;
        Endpoint best = null;
        double[] bestScore = null;
        for (Endpoint endpoint : candidates) {
            double weight = endpoint.effectiveWeight();
            double[] score = scores.computeIfAbsent(endpoint, e -> new double[1]);
            score[0] += weight;
            total += weight;
            if (bestScore == null || score[0] > bestScore[0]) {
                best = endpoint;
                bestScore = score;
            }
        }
        bestScore[0] -= total;
        return best;
    }
}
