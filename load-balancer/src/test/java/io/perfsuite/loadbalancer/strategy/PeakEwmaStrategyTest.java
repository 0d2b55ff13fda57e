package io.perfsuite.loadbalancer.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.perfsuite.loadbalancer.endpoint.Endpoint;
import io.perfsuite.loadbalancer.endpoint.Lease;
import io.perfsuite.loadbalancer.endpoint.PeakEwma;
import io.perfsuite.loadbalancer.endpoint.PoolPolicy;
import io.perfsuite.testsupport.MutableClock;

class PeakEwmaStrategyTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void shouldSteerAwayFromSlowBackend() {
        List<Endpoint> endpoints = TestEndpoints.withWeights(clock, 1, 1, 1);
        Endpoint slow = endpoints.get(2);
        PeakEwmaStrategy strategy = new PeakEwmaStrategy(new Random(1));
        Map<Endpoint, Integer> counts = new HashMap<>();

        for (int i = 0; i < 10_000; i++) {
            Endpoint chosen = strategy.choose(endpoints, RequestAttributes.empty());
            if (i >= 100) {
                counts.merge(chosen, 1, Integer::sum);
            }
            Lease lease = chosen.begin();
            long latencyMillis = chosen == slow ? 200 : 5;
            lease.success(200, TimeUnit.MILLISECONDS.toNanos(latencyMillis));
            clock.advance(Duration.ofMillis(1));
        }

        // once measured, the slow one loses every comparison: the fast ones head for 5 ms while its idle estimate
        // decays only to 200 x e^-1 over the 10 s
        assertThat(counts.getOrDefault(slow, 0)).isLessThan(100);
        assertThat(slow.peakEwmaMillis()).isGreaterThan(50);
        assertThat(endpoints.get(0).peakEwmaMillis()).isLessThan(30);
    }

    @Test
    void shouldTryASlowBackendAgainOnceItsIdleEstimateHasDecayed() {
        // a 1 ms default, so both first samples replace it outright
        PoolPolicy policy = PoolPolicy.DEFAULT.withPeakEwma(new PeakEwma(Duration.ofMillis(1), Duration.ofSeconds(10)));
        List<Endpoint> endpoints = TestEndpoints.withWeights(clock, policy, 1, 1);
        Endpoint slow = endpoints.get(1);
        slow.begin().success(200, TimeUnit.MILLISECONDS.toNanos(200));
        endpoints.get(0).begin().success(200, TimeUnit.MILLISECONDS.toNanos(20));
        PeakEwmaStrategy strategy = new PeakEwmaStrategy(new Random(2));
        assertThat(strategy.choose(endpoints, RequestAttributes.empty())).isSameAs(endpoints.get(0));

        // a request held on the fast one keeps its estimate; the idle slow one decays: 200 x e^-3 ~ 10 ms after 30 s
        Lease held = endpoints.get(0).begin();
        clock.advance(Duration.ofSeconds(30));

        assertThat(slow.peakEwmaMillis()).isBetween(9.0, 11.0);
        assertThat(endpoints.get(0).peakEwmaMillis()).isEqualTo(20.0);
        assertThat(strategy.choose(endpoints, RequestAttributes.empty())).isSameAs(slow);
        held.cancel();
    }

    @Test
    void shouldAvoidABackendRightAfterItsFirstSlowAnswer() {
        List<Endpoint> endpoints = TestEndpoints.withWeights(clock, 1, 1);
        Endpoint turning = endpoints.get(1);
        PeakEwmaStrategy strategy = new PeakEwmaStrategy(new Random(6));
        for (int i = 0; i < 2_000; i++) {
            Endpoint chosen = strategy.choose(endpoints, RequestAttributes.empty());
            chosen.begin().success(200, TimeUnit.MILLISECONDS.toNanos(5));
            clock.advance(Duration.ofMillis(5));
        }
        assertThat(turning.peakEwmaMillis()).isLessThan(15);

        // one slow answer is enough: the peak replaces the estimate at once, no averaging in
        turning.begin().success(200, TimeUnit.MILLISECONDS.toNanos(300));

        assertThat(turning.peakEwmaMillis()).isEqualTo(300.0);
        assertThat(TestEndpoints.count(strategy, endpoints, 1_000).get(turning)).isZero();
    }

    @Test
    void shouldAlwaysPickTheCheaperOfTwo() {
        List<Endpoint> endpoints = TestEndpoints.withWeights(clock, 1, 1);
        endpoints.get(0).begin().success(200, TimeUnit.MILLISECONDS.toNanos(50));
        endpoints.get(1).begin().success(200, TimeUnit.MILLISECONDS.toNanos(40));

        Map<Endpoint, Integer> counts = TestEndpoints.count(new PeakEwmaStrategy(new Random(3)), endpoints, 10_000);

        // a P2C that could draw the same endpoint twice would send some requests to the dearer one
        assertThat(counts.get(endpoints.get(1))).isEqualTo(10_000);
    }

    @Test
    void shouldMultiplyLatencyByPendingRequests() {
        List<Endpoint> endpoints = TestEndpoints.withWeights(clock, 1, 1);
        Endpoint busy = endpoints.get(0);
        Endpoint idle = endpoints.get(1);
        List<Lease> held = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            held.add(busy.begin());
        }

        // both still at the 30 ms default: 30 x 4 against 30 x 1
        assertThat(PeakEwmaStrategy.cost(busy)).isEqualTo(120.0);
        assertThat(PeakEwmaStrategy.cost(idle)).isEqualTo(30.0);
        assertThat(new PeakEwmaStrategy(new Random(4)).choose(endpoints, RequestAttributes.empty())).isSameAs(idle);
        held.forEach(Lease::cancel);
    }

    @Test
    void shouldNeverPairAnEndpointWithItselfAndDrawEveryPairEvenly() {
        Random random = new Random(9);
        for (int n = 2; n <= 5; n++) {
            int[][] pairs = new int[n][n];
            int draws = 100_000;
            for (int i = 0; i < draws; i++) {
                long pair = WeightedDraw.distinctPair(n, random);
                pairs[WeightedDraw.first(pair)][WeightedDraw.second(pair)]++;
            }
            double expected = draws / (double) (n * (n - 1));
            double chiSquare = 0;
            for (int a = 0; a < n; a++) {
                assertThat(pairs[a][a]).as("pair (%d, %d) of %d", a, a, n).isZero();
                for (int b = 0; b < n; b++) {
                    if (a != b) {
                        chiSquare += Math.pow(pairs[a][b] - expected, 2) / expected;
                    }
                }
            }
            assertThat(chiSquare).as("ordered pairs of %d", n).isLessThan(TestEndpoints.criticalAt001(n * (n - 1) - 1));
        }
    }

    @Test
    void shouldStartANewEndpointAtTheDefaultRtt() {
        Endpoint endpoint = TestEndpoints.withWeights(clock, 1).get(0);

        assertThat(endpoint.peakEwmaMillis()).isEqualTo(30.0);
    }
}
