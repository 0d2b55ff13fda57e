package io.perfsuite.loadbalancer.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.perfsuite.loadbalancer.endpoint.Endpoint;
import io.perfsuite.loadbalancer.endpoint.Lease;
import io.perfsuite.loadbalancer.endpoint.PoolPolicy;
import io.perfsuite.loadbalancer.endpoint.SlowStart;
import io.perfsuite.testsupport.MutableClock;

/** How each strategy spreads 100k picks: exact for the deterministic ones, chi-square at p = 0.001 for the rest. */
class StrategyDistributionTest {

    private static final int PICKS = 100_000;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void shouldRotateRoundRobinInOrderAndEvenly() {
        List<Endpoint> endpoints = TestEndpoints.withWeights(clock, 1, 5, 1);
        RoundRobinStrategy strategy = new RoundRobinStrategy();

        List<Endpoint> firstSix = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            firstSix.add(strategy.choose(endpoints, RequestAttributes.empty()));
        }
        Map<Endpoint, Integer> counts = TestEndpoints.count(strategy, endpoints, 99_999);

        assertThat(firstSix).containsExactly(endpoints.get(0), endpoints.get(1), endpoints.get(2), endpoints.get(0),
                endpoints.get(1), endpoints.get(2));
        assertThat(counts.values()).containsOnly(33_333);
    }

    @Test
    void shouldInterleaveWeightsLikeNginxSmoothWeightedRoundRobin() {
        List<Endpoint> endpoints = TestEndpoints.withWeights(clock, 5, 1, 1);
        WeightedRoundRobinStrategy strategy = new WeightedRoundRobinStrategy();

        StringBuilder sequence = new StringBuilder();
        for (int i = 0; i < 7; i++) {
            sequence.append((char) ('a' + endpoints.indexOf(strategy.choose(endpoints, RequestAttributes.empty()))));
        }

        // nginx's documented order for 5:1:1, not a burst of five a's
        assertThat(sequence).hasToString("aabacaa");
    }

    @Test
    void shouldGiveWeightedRoundRobinExactSharesOverWholeCycles() {
        List<Endpoint> endpoints = TestEndpoints.withWeights(clock, 3, 2, 1);

        Map<Endpoint, Integer> counts = TestEndpoints.count(new WeightedRoundRobinStrategy(), endpoints, 60_000);

        assertThat(counts).containsEntry(endpoints.get(0), 30_000).containsEntry(endpoints.get(1), 20_000)
                .containsEntry(endpoints.get(2), 10_000);
    }

    @Test
    void shouldSpreadRandomUniformlyWithinChiSquareBound() {
        List<Endpoint> endpoints = TestEndpoints.withWeights(clock, 1, 1, 1, 1, 1);

        Map<Endpoint, Integer> counts = TestEndpoints.count(new RandomStrategy(new Random(42)), endpoints, PICKS);

        assertThat(TestEndpoints.chiSquare(endpoints, counts, new double[]{1, 1, 1, 1, 1}, PICKS))
                .isLessThan(TestEndpoints.criticalAt001(4));
    }

    @Test
    void shouldSpreadRandomInProportionToWeight() {
        List<Endpoint> endpoints = TestEndpoints.withWeights(clock, 1, 2, 3, 4);

        Map<Endpoint, Integer> counts = TestEndpoints.count(new RandomStrategy(new Random(7)), endpoints, PICKS);

        assertThat(TestEndpoints.chiSquare(endpoints, counts, new double[]{1, 2, 3, 4}, PICKS))
                .isLessThan(TestEndpoints.criticalAt001(3));
        // and a uniform spread would be far outside that bound
        assertThat(TestEndpoints.chiSquare(endpoints, counts, new double[]{1, 1, 1, 1}, PICKS))
                .isGreaterThan(1000);
    }

    @Test
    void shouldSpreadLeastRequestUniformlyWhenLoadsAreEqual() {
        List<Endpoint> endpoints = TestEndpoints.withWeights(clock, 1, 1, 1, 1);

        Map<Endpoint, Integer> counts = TestEndpoints.count(new LeastRequestStrategy(new Random(3)), endpoints, PICKS);

        assertThat(TestEndpoints.chiSquare(endpoints, counts, new double[]{1, 1, 1, 1}, PICKS))
                .isLessThan(TestEndpoints.criticalAt001(3));
    }

    @Test
    void shouldNeverSendLeastRequestToTheBusiestOfThree() {
        List<Endpoint> endpoints = TestEndpoints.withWeights(clock, 1, 1, 1);
        List<Lease> held = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            held.add(endpoints.get(2).begin());
        }

        Map<Endpoint, Integer> counts = TestEndpoints.count(new LeastRequestStrategy(new Random(5)), endpoints,
                PICKS);

        // two distinct choices: the busy one always meets a less busy one
        assertThat(counts.get(endpoints.get(2))).isZero();
        assertThat(TestEndpoints.chiSquare(endpoints.subList(0, 2), counts, new double[]{1, 1}, PICKS))
                .isLessThan(TestEndpoints.criticalAt001(1));
        held.forEach(Lease::cancel);
    }

    @Test
    void shouldWeighLeastRequestByWeightOverActiveRequestsWhenWeightsDiffer() {
        List<Endpoint> endpoints = TestEndpoints.withWeights(clock, 1, 3);
        List<Lease> held = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            held.add(endpoints.get(1).begin());
        }

        Map<Endpoint, Integer> counts = TestEndpoints.count(new LeastRequestStrategy(new Random(11)), endpoints,
                PICKS);

        // Envoy: w / (active + 1)^1 = 1/1 against 3/4
        assertThat(TestEndpoints.chiSquare(endpoints, counts, new double[]{1.0, 0.75}, PICKS))
                .isLessThan(TestEndpoints.criticalAt001(1));
        held.forEach(Lease::cancel);
    }

    @Test
    void shouldGiveAnEndpointInSlowStartItsRampedShare() {
        PoolPolicy policy = PoolPolicy.DEFAULT.withSlowStart(SlowStart.linear(Duration.ofSeconds(100)));
        List<Endpoint> endpoints = new ArrayList<>(TestEndpoints.withWeights(clock, policy, 1));
        clock.advance(Duration.ofSeconds(100));
        endpoints.add(TestEndpoints.withWeights(clock, policy, 1).get(0));
        clock.advance(Duration.ofSeconds(25));

        Map<Endpoint, Integer> counts = TestEndpoints.count(new WeightedRoundRobinStrategy(), endpoints, 12_500);

        // the newcomer is a quarter into its window: weight 0.25 against 1
        assertThat(counts.get(endpoints.get(1))).isEqualTo(2_500);
        assertThat(counts.get(endpoints.get(0))).isEqualTo(10_000);
    }
}
