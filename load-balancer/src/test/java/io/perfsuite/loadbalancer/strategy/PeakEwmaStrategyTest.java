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

    @Test
    void shouldSteerAwayFromABackendThatTurnsSlowAndBackOnceItRecovers() {
        // the bench's second scenario on the injected clock: 32 clients in a closed loop over two backends answering
        // in 2 ms, the second 20 ms slow for 30 s, then as fast as the first again
        List<Endpoint> endpoints = TestEndpoints.withWeights(clock, 1, 1);
        Endpoint turning = endpoints.get(1);
        ClosedLoop loop = new ClosedLoop(new PeakEwmaStrategy(new Random(7)), endpoints, 32);
        loop.run(Duration.ofSeconds(5), e -> 2.0);

        Map<Endpoint, Integer> slow = loop.run(Duration.ofSeconds(30), e -> e == turning ? 20.0 : 2.0);
        loop.run(Duration.ofSeconds(50), e -> 2.0);
        Map<Endpoint, Integer> recovered = loop.run(Duration.ofSeconds(10), e -> 2.0);

        // slow: P2C settles where the costs meet, 20 ms x (1 + its in-flight) = 2 ms x (1 + the other's), about two of
        // the 32 in flight there: under 2 % of requests (HAProxy's roundrobin sends it half), so off the p99
        assertThat(share(slow, turning)).isLessThan(0.02);
        // recovered: its estimate has come down to the other's and the split is even again
        assertThat(share(recovered, turning)).isBetween(0.4, 0.6);
    }

    private static double share(Map<Endpoint, Integer> counts, Endpoint endpoint) {
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        return counts.getOrDefault(endpoint, 0) / (double) total;
    }

    /** Clients that each send their next request as soon as the last one is answered, on the test's clock. */
    private final class ClosedLoop {
        private final PeakEwmaStrategy strategy;
        private final List<Endpoint> endpoints;
        private final java.util.PriorityQueue<long[]> answers = new java.util.PriorityQueue<>(
                (a, b) -> Long.compare(a[0], b[0]));
        private final List<Lease> leases = new ArrayList<>();
        private final List<Endpoint> targets = new ArrayList<>();
        private long nowMicros;

        ClosedLoop(PeakEwmaStrategy strategy, List<Endpoint> endpoints, int clients) {
            this.strategy = strategy;
            this.endpoints = endpoints;
            for (int c = 0; c < clients; c++) {
                leases.add(null);
                targets.add(null);
                answers.add(new long[]{0, c});
            }
        }

        /** Runs for {@code span} with each endpoint answering in {@code latencyMillis}; counts the picks. */
        Map<Endpoint, Integer> run(Duration span, java.util.function.ToDoubleFunction<Endpoint> latencyMillis) {
            Map<Endpoint, Integer> counts = new HashMap<>();
            long until = nowMicros + span.toNanos() / 1000;
            while (answers.peek()[0] < until) {
                long[] next = answers.poll();
                clock.advance(Duration.ofNanos((next[0] - nowMicros) * 1000));
                nowMicros = next[0];
                int client = (int) next[1];
                Lease lease = leases.get(client);
                if (lease != null) {
                    long tookMicros = (long) (latencyMillis.applyAsDouble(targets.get(client)) * 1000);
                    lease.success(200, TimeUnit.MICROSECONDS.toNanos(tookMicros));
                }
                Endpoint chosen = strategy.choose(endpoints, RequestAttributes.empty());
                counts.merge(chosen, 1, Integer::sum);
                leases.set(client, chosen.begin());
                targets.set(client, chosen);
                answers.add(new long[]{nowMicros + (long) (latencyMillis.applyAsDouble(chosen) * 1000), client});
            }
            return counts;
        }
    }
}
