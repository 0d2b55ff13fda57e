package io.perfsuite.loadbalancer.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

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
    void shouldPreferABusyFastBackendWhoseQueueIsInItsSamplesOverAnIdleSlowOne() {
        List<Endpoint> endpoints = TestEndpoints.withWeights(clock, 1, 1);
        Endpoint busy = endpoints.get(0);
        Endpoint slow = endpoints.get(1);
        slow.begin().success(200, TimeUnit.MILLISECONDS.toNanos(20));
        List<Lease> held = new ArrayList<>();
        for (int i = 0; i < 31; i++) {
            held.add(busy.begin());
        }
        // answered in 1 ms while 31 others were in flight: the queue is in the sample already
        busy.begin().success(200, TimeUnit.MILLISECONDS.toNanos(1));

        // 1 ms / 32 x (31 + 1) = 1 ms, against 20 ms; 1 ms x (31 + 1) = 32 ms would have sent it to the slow one
        assertThat(PeakEwmaStrategy.cost(busy)).isEqualTo(1.0);
        assertThat(PeakEwmaStrategy.cost(slow)).isEqualTo(20.0);
        assertThat(TestEndpoints.count(new PeakEwmaStrategy(new Random(5)), endpoints, 1_000).get(slow)).isZero();
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
    void shouldKeepUnderHalfAPercentOnABackendThatTurnsSlowThroughASpikeAndReturnOnceItRecovers() {
        // the bench's second scenario on the injected clock: 32 clients in a closed loop over two backends that serve
        // one request at a time in 30 us (so ~1 ms at 32 in flight, as the proxy measured nginx), the second turning
        // into a 20 ms delay for 30 s, during which the fast one stalls once for 50 ms, then fast again
        Backend fast = Backend.queue(30);
        Backend second = Backend.queue(30);
        ClosedLoop loop = warmedUp(7, second, fast);
        Endpoint turning = loop.endpoints.get(1);

        Backend slow = Backend.delay(20_000);
        Map<Endpoint, Integer> beforeSpike = loop.run(Duration.ofSeconds(15), e -> e == turning ? slow : fast);
        fast.stall(loop.nowMicros(), 50_000);
        Map<Endpoint, Integer> spike = loop.run(Duration.ofSeconds(1), e -> e == turning ? slow : fast);
        Map<Endpoint, Integer> afterSpike = loop.run(Duration.ofSeconds(14), e -> e == turning ? slow : fast);

        loop.run(Duration.ofSeconds(40), e -> e == turning ? second : fast);
        Map<Endpoint, Integer> recovered = loop.run(Duration.ofSeconds(10), e -> e == turning ? second : fast);

        // under 1 % the p99 is the fast backend's; (in flight + 1) x a raw EWMA settles where 1 ms x 32 meets
        // 20 ms x (1 + its in-flight), about 2 % there
        assertThat(share(beforeSpike, turning)).isLessThan(0.005);
        assertThat(share(merge(beforeSpike, spike, afterSpike), turning)).isLessThan(0.005);
        // the stall moves traffic away for a moment, and the fast answers after it end the peak within a window
        assertThat(share(spike, turning)).isLessThan(0.02);
        assertThat(share(afterSpike, turning)).isLessThan(0.005);
        // recovered: its idle estimate decayed below the other's cost, its first fast answer replaced it, even split
        assertThat(share(recovered, turning)).isBetween(0.4, 0.6);
    }

    @Test
    void shouldShareWithASlowBackendOnceTheFastOneQueuesLongerThanItsLatency() {
        // 1 ms per request on the first: with all 32 clients there it would answer in 32 ms, worse than the other's
        // 20 ms, so steering must share: costs meet near 20 in flight on the first and 12 on the second
        Backend queue = Backend.queue(1_000);
        Backend slow = Backend.delay(20_000);
        ClosedLoop loop = warmedUp(8, slow, queue);
        Endpoint delayed = loop.endpoints.get(1);

        Map<Endpoint, Integer> counts = loop.run(Duration.ofSeconds(20), e -> e == delayed ? slow : queue);

        // 12 / 20 ms against 20 / 20 ms: about 37 % of requests; ignoring the slow one would queue everyone 32 ms
        assertThat(share(counts, delayed)).isBetween(0.25, 0.5);
        assertThat(loop.meanLatencyMicros()).isLessThan(22_000);
    }

    /** 32 clients over two endpoints, the second served by {@code second}, after 5 s to settle. */
    private ClosedLoop warmedUp(long seed, Backend second, Backend first) {
        List<Endpoint> endpoints = TestEndpoints.withWeights(clock, 1, 1);
        ClosedLoop loop = new ClosedLoop(new PeakEwmaStrategy(new Random(seed)), endpoints, 32);
        loop.run(Duration.ofSeconds(5), e -> e == endpoints.get(1) ? second : first);
        return loop;
    }

    @SafeVarargs
    private static Map<Endpoint, Integer> merge(Map<Endpoint, Integer>... parts) {
        Map<Endpoint, Integer> total = new HashMap<>();
        for (Map<Endpoint, Integer> part : parts) {
            part.forEach((endpoint, count) -> total.merge(endpoint, count, Integer::sum));
        }
        return total;
    }

    private static double share(Map<Endpoint, Integer> counts, Endpoint endpoint) {
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        return counts.getOrDefault(endpoint, 0) / (double) total;
    }

    /** When a backend answers a request sent at a given time, in microseconds of the simulation. */
    private interface Backend {
        long answerAt(long sentMicros);

        /** Nothing is served for {@code micros} from {@code atMicros}: requests sent from then on wait it out. */
        default void stall(long atMicros, long micros) {
            throw new UnsupportedOperationException();
        }

        /** One request at a time, first come first served: latency grows with the requests queued ahead. */
        static Backend queue(long serviceMicros) {
            return new Backend() {
                private long busyUntil;

                @Override
                public long answerAt(long sentMicros) {
                    busyUntil = Math.max(busyUntil, sentMicros) + serviceMicros;
                    return busyUntil;
                }

                @Override
                public void stall(long atMicros, long micros) {
                    busyUntil = Math.max(busyUntil, atMicros) + micros;
                }
            };
        }

        /** A fixed delay however many requests are in flight (a sleep, as the bench's slowed backend). */
        static Backend delay(long micros) {
            return sentMicros -> sentMicros + micros;
        }
    }

    /** Clients that each send their next request as soon as the last one is answered, on the test's clock. */
    private final class ClosedLoop {
        private final PeakEwmaStrategy strategy;
        private final List<Endpoint> endpoints;
        /** {answer time, client}, earliest first */
        private final PriorityQueue<long[]> answers = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
        private final Lease[] leases;
        private final long[] sentAt;
        private long nowMicros;
        private long answered;
        private long latencyMicros;

        ClosedLoop(PeakEwmaStrategy strategy, List<Endpoint> endpoints, int clients) {
            this.strategy = strategy;
            this.endpoints = endpoints;
            this.leases = new Lease[clients];
            this.sentAt = new long[clients];
            for (int c = 0; c < clients; c++) {
                answers.add(new long[]{0, c});
            }
        }

        long nowMicros() {
            return nowMicros;
        }

        /** Mean latency of the answers of the last run. */
        double meanLatencyMicros() {
            return latencyMicros / (double) answered;
        }

        /** Runs for {@code span} with each endpoint served by the given backend; counts the picks. */
        Map<Endpoint, Integer> run(Duration span, Function<Endpoint, Backend> backends) {
            Map<Endpoint, Integer> counts = new HashMap<>();
            answered = 0;
            latencyMicros = 0;
            long until = nowMicros + span.toNanos() / 1000;
            while (answers.peek()[0] < until) {
                long[] next = answers.poll();
                clock.advance(Duration.ofNanos((next[0] - nowMicros) * 1000));
                nowMicros = next[0];
                int client = (int) next[1];
                if (leases[client] != null) {
                    long took = nowMicros - sentAt[client];
                    leases[client].success(200, TimeUnit.MICROSECONDS.toNanos(took));
                    answered++;
                    latencyMicros += took;
                }
                Endpoint chosen = strategy.choose(endpoints, RequestAttributes.empty());
                counts.merge(chosen, 1, Integer::sum);
                leases[client] = chosen.begin();
                sentAt[client] = nowMicros;
                answers.add(new long[]{backends.apply(chosen).answerAt(nowMicros), client});
            }
            return counts;
        }
    }
}
