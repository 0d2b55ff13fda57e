package io.perfsuite.loadbalancer.strategy;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.perfsuite.loadbalancer.endpoint.Endpoint;
import io.perfsuite.loadbalancer.endpoint.EndpointSpec;
import io.perfsuite.loadbalancer.endpoint.PoolPolicy;

/** Stand-alone endpoints and pick counting for the strategies' tests. */
final class TestEndpoints {

    private TestEndpoints() {
    }

    static List<Endpoint> withWeights(Clock clock, PoolPolicy policy, int... weights) {
        List<Endpoint> endpoints = new ArrayList<>();
        for (int i = 0; i < weights.length; i++) {
            endpoints.add(new Endpoint(EndpointSpec.of("http://10.0.0." + (i + 1) + ":8080", weights[i]), policy,
                    clock));
        }
        return endpoints;
    }

    static List<Endpoint> withWeights(Clock clock, int... weights) {
        return withWeights(clock, PoolPolicy.DEFAULT, weights);
    }

    static Map<Endpoint, Integer> count(BalancingStrategy strategy, List<Endpoint> endpoints, int picks) {
        Map<Endpoint, Integer> counts = new HashMap<>();
        for (Endpoint endpoint : endpoints) {
            counts.put(endpoint, 0);
        }
        RequestAttributes request = RequestAttributes.empty();
        for (int i = 0; i < picks; i++) {
            counts.merge(strategy.choose(endpoints, request), 1, Integer::sum);
        }
        return counts;
    }

    /** Pearson's chi-square statistic of observed counts against expected shares. */
    static double chiSquare(List<Endpoint> endpoints, Map<Endpoint, Integer> counts, double[] shares, int picks) {
        double total = 0;
        for (double share : shares) {
            total += share;
        }
        double statistic = 0;
        for (int i = 0; i < endpoints.size(); i++) {
            double expected = picks * shares[i] / total;
            double observed = counts.get(endpoints.get(i));
            statistic += (observed - expected) * (observed - expected) / expected;
        }
        return statistic;
    }

    /** Chi-square critical values at p = 0.001 for 1..19 degrees of freedom. */
    static double criticalAt001(int degreesOfFreedom) {
        double[] table = {10.83, 13.82, 16.27, 18.47, 20.52, 22.46, 24.32, 26.12, 27.88, 29.59, 31.26, 32.91, 34.53,
                36.12, 37.70, 39.25, 40.79, 42.31, 43.82};
        return table[degreesOfFreedom - 1];
    }
}
