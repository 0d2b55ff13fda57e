package io.perfsuite.loadbalancer.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.perfsuite.loadbalancer.endpoint.Endpoint;
import io.perfsuite.loadbalancer.endpoint.Lease;
import io.perfsuite.testsupport.MutableClock;

class ConsistentHashStrategyTest {

    private static final int KEYS = 20_000;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    private static RequestAttributes fromClient(String address) {
        return SimpleRequest.builder().clientAddress(address).build();
    }

    private static ConsistentHashStrategy onClientIp(double loadFactor) {
        return new ConsistentHashStrategy(HashKey.CLIENT_IP, loadFactor, 160, new Random(1));
    }

    @Test
    void shouldSendTheSameKeyToTheSameEndpoint() {
        List<Endpoint> endpoints = TestEndpoints.withWeights(clock, 1, 1, 1, 1);
        ConsistentHashStrategy strategy = onClientIp(1.25);

        for (int i = 0; i < 1000; i++) {
            String client = "192.168.1." + (i % 250);
            assertThat(strategy.choose(endpoints, fromClient(client)))
                    .isSameAs(strategy.choose(endpoints, fromClient(client)));
        }
    }

    @Test
    void shouldSpreadKeysRoughlyEvenlyOverTheRing() {
        List<Endpoint> endpoints = TestEndpoints.withWeights(clock, 1, 1, 1, 1, 1);
        ConsistentHashStrategy strategy = onClientIp(1.25);
        Map<Endpoint, Integer> counts = new HashMap<>();

        for (int i = 0; i < KEYS; i++) {
            counts.merge(strategy.choose(endpoints, fromClient("key-" + i)), 1, Integer::sum);
        }

        // 160 virtual nodes each: every endpoint within 20 % of its fifth
        assertThat(counts.values()).allSatisfy(count -> assertThat(count).isBetween(3_200, 4_800));
    }

    @Test
    void shouldMoveOnlyTheLeavingEndpointsKeysWhenItLeaves() {
        List<Endpoint> endpoints = TestEndpoints.withWeights(clock, 1, 1, 1, 1, 1);
        ConsistentHashStrategy strategy = onClientIp(1.25);
        Map<String, Endpoint> before = new HashMap<>();
        for (int i = 0; i < KEYS; i++) {
            before.put("key-" + i, strategy.choose(endpoints, fromClient("key-" + i)));
        }
        Endpoint leaving = endpoints.get(3);
        List<Endpoint> remaining = new ArrayList<>(endpoints);
        remaining.remove(leaving);

        int moved = 0;
        for (Map.Entry<String, Endpoint> entry : before.entrySet()) {
            Endpoint after = strategy.choose(remaining, fromClient(entry.getKey()));
            if (after != entry.getValue()) {
                moved++;
                assertThat(entry.getValue()).as("only keys of the endpoint that left move").isSameAs(leaving);
            }
        }

        // about a fifth move: those, and only those, the leaving endpoint held
        assertThat(moved / (double) KEYS).isBetween(0.15, 0.25);
    }

    @Test
    void shouldNeverLoadAnEndpointAboveCTimesTheAverage() {
        List<Endpoint> endpoints = TestEndpoints.withWeights(clock, 1, 1, 1, 1);
        ConsistentHashStrategy strategy = onClientIp(1.25);
        Random random = new Random(17);
        List<Lease> open = new ArrayList<>();

        for (int i = 0; i < 20_000; i++) {
            // a skewed key population: one hot client sends half the requests
            String client = random.nextBoolean() ? "10.9.9.9" : "10.0." + random.nextInt(50) + "." + random.nextInt(4);
            Endpoint chosen = strategy.choose(endpoints, fromClient(client));
            open.add(chosen.begin());
            int total = open.size();
            long bound = (long) Math.ceil(1.25 * total / endpoints.size());
            assertThat(endpoints).allSatisfy(e -> assertThat(e.inFlight()).isLessThanOrEqualTo((int) bound));
            // requests finish in random order, so loads go up and down
            if (open.size() > 40 || random.nextInt(3) == 0) {
                open.remove(random.nextInt(open.size())).success(200, 1_000_000);
            }
        }
    }

    @Test
    void shouldSpillAHotKeyOverToTheNextEndpointOnTheRing() {
        List<Endpoint> endpoints = TestEndpoints.withWeights(clock, 1, 1, 1, 1);
        ConsistentHashStrategy strategy = onClientIp(1.25);
        Endpoint home = strategy.choose(endpoints, fromClient("10.9.9.9"));
        List<Lease> open = new ArrayList<>();

        for (int i = 0; i < 40; i++) {
            open.add(strategy.choose(endpoints, fromClient("10.9.9.9")).begin());
        }

        // the hot key's home takes its bounded share, ceil(1.25 x 40 / 4) = 13, and no more
        assertThat(home.inFlight()).isEqualTo(13);
        open.forEach(Lease::cancel);
    }

    @Test
    void shouldHashOnAHeaderOrACookieWhenConfigured() {
        List<Endpoint> endpoints = TestEndpoints.withWeights(clock, 1, 1, 1, 1, 1, 1, 1, 1);
        ConsistentHashStrategy byHeader = new ConsistentHashStrategy(HashKey.parse("header:X-User"), 1.25, 160,
                new Random(1));
        ConsistentHashStrategy byCookie = new ConsistentHashStrategy(HashKey.parse("cookie:session"), 1.25, 160,
                new Random(1));
        Map<Endpoint, Integer> spread = new HashMap<>();

        for (int i = 0; i < 200; i++) {
            // same user from different addresses: same endpoint
            Endpoint first = byHeader.choose(endpoints,
                    SimpleRequest.builder().clientAddress("10.0.0." + i).header("x-user", "user-" + i % 7).build());
            Endpoint second = byHeader.choose(endpoints,
                    SimpleRequest.builder().clientAddress("10.1.1." + i).header("X-User", "user-" + i % 7).build());
            assertThat(second).isSameAs(first);
            spread.merge(first, 1, Integer::sum);
            Endpoint byCookieFirst = byCookie.choose(endpoints,
                    SimpleRequest.builder().clientAddress("10.2.0." + i).cookie("session", "s" + i % 5).build());
            assertThat(byCookie.choose(endpoints,
                    SimpleRequest.builder().clientAddress("10.3.0." + i).cookie("session", "s" + i % 5).build()))
                    .isSameAs(byCookieFirst);
        }
        // and the header really is the key: seven users land on more than one endpoint
        assertThat(spread).hasSizeGreaterThan(1);
    }

    @Test
    void shouldHashOnTheClientAddressWhenTheKeyIsMissing() {
        List<Endpoint> endpoints = TestEndpoints.withWeights(clock, 1, 1, 1);
        ConsistentHashStrategy byHeader = new ConsistentHashStrategy(HashKey.header("X-User"), 1.25, 160,
                new Random(1));
        ConsistentHashStrategy byClient = onClientIp(1.25);

        for (int i = 0; i < 100; i++) {
            RequestAttributes request = fromClient("172.16.0." + i);
            assertThat(byHeader.choose(endpoints, request)).isSameAs(byClient.choose(endpoints, request));
        }
    }

    @Test
    void shouldGiveHeavierEndpointsMoreOfTheRing() {
        List<Endpoint> endpoints = TestEndpoints.withWeights(clock, 1, 3);
        ConsistentHashStrategy strategy = onClientIp(1.25);
        Map<Endpoint, Integer> counts = new HashMap<>();

        for (int i = 0; i < KEYS; i++) {
            counts.merge(strategy.choose(endpoints, fromClient("key-" + i)), 1, Integer::sum);
        }

        assertThat(counts.get(endpoints.get(1)) / (double) KEYS).isBetween(0.68, 0.82);
    }

    @Test
    void shouldRejectAKeySpecItCannotUse() {
        assertThatThrownBy(() -> HashKey.parse("query:foo")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("client-ip, header:<name> or cookie:<name>");
        assertThatThrownBy(() -> onClientIp(0.9)).hasMessageContaining("load factor must be at least 1");
    }
}
