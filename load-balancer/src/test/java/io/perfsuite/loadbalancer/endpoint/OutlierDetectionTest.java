package io.perfsuite.loadbalancer.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.perfsuite.loadbalancer.strategy.RequestAttributes;
import io.perfsuite.loadbalancer.strategy.RoundRobinStrategy;
import io.perfsuite.testsupport.MutableClock;

/** Passive ejection through the pool: thresholds, return, growing ejection time, max ejected share, panic. */
class OutlierDetectionTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    private Pool pool(int size, PoolPolicy policy) {
        List<EndpointSpec> specs = new ArrayList<>();
        for (int i = 1; i <= size; i++) {
            specs.add(EndpointSpec.of("http://10.0.0." + i + ":8080", 1));
        }
        return new Pool("api", new RoundRobinStrategy(), policy, clock, specs);
    }

    private static void respond(Endpoint endpoint, int status, int times) {
        for (int i = 0; i < times; i++) {
            endpoint.begin().success(status, 1_000_000);
        }
    }

    private static Set<Endpoint> chosenOver(Pool pool, int picks) {
        Set<Endpoint> chosen = new HashSet<>();
        for (int i = 0; i < picks; i++) {
            chosen.add(pool.choose(RequestAttributes.empty(), Set.of()).endpoint());
        }
        return chosen;
    }

    @Test
    void shouldEjectAfterFiveConsecutive5xxAndReturnAfterTheBaseEjectionTime() {
        Pool pool = pool(10, PoolPolicy.DEFAULT);
        Endpoint failing = pool.endpoints().get(0);

        respond(failing, 500, 4);
        assertThat(failing.ejected()).isFalse();
        respond(failing, 500, 1);

        assertThat(failing.ejected()).isTrue();
        assertThat(failing.ejectedUntil()).contains(clock.instant().plusSeconds(30));
        assertThat(chosenOver(pool, 100)).doesNotContain(failing).hasSize(9);
        clock.advance(Duration.ofSeconds(30));
        assertThat(failing.ejected()).isFalse();
        assertThat(chosenOver(pool, 100)).contains(failing);
    }

    @Test
    void shouldResetTheCountOnASuccessAndTreat4xxAsSuccess() {
        Pool pool = pool(10, PoolPolicy.DEFAULT);
        Endpoint endpoint = pool.endpoints().get(0);

        respond(endpoint, 500, 4);
        respond(endpoint, 404, 1);
        respond(endpoint, 500, 4);

        assertThat(endpoint.ejected()).isFalse();
    }

    @Test
    void shouldEjectOnConsecutiveConnectFailuresAndGatewayErrors() {
        Pool pool = pool(10, PoolPolicy.DEFAULT.withOutlierDetection(
                new OutlierDetection(0, 3, Duration.ofSeconds(30), Duration.ofSeconds(300), 10)));
        Endpoint endpoint = pool.endpoints().get(0);

        endpoint.begin().connectFailure();
        respond(endpoint, 502, 1);
        endpoint.begin().timeout();

        assertThat(endpoint.ejected()).isTrue();

        // a plain 500 is not a gateway failure
        Endpoint other = pool.endpoints().get(1);
        respond(other, 500, 10);
        assertThat(other.ejected()).isFalse();
    }

    @Test
    void shouldGrowTheEjectionTimeWithRepeatedEjectionsUpToTheMaximum() {
        Pool pool = pool(10, PoolPolicy.DEFAULT.withOutlierDetection(
                new OutlierDetection(5, 5, Duration.ofSeconds(30), Duration.ofSeconds(80), 10)));
        Endpoint endpoint = pool.endpoints().get(0);
        List<Duration> ejectionTimes = new ArrayList<>();

        for (int i = 0; i < 4; i++) {
            respond(endpoint, 503, 5);
            Instant until = endpoint.ejectedUntil().orElseThrow();
            ejectionTimes.add(Duration.between(clock.instant(), until));
            clock.advance(Duration.between(clock.instant(), until));
        }

        assertThat(ejectionTimes).containsExactly(Duration.ofSeconds(30), Duration.ofSeconds(60),
                Duration.ofSeconds(80), Duration.ofSeconds(80));
        assertThat(endpoint.totalEjections()).isEqualTo(4);
    }

    @Test
    void shouldForgiveEarlierEjectionsAfterStayingHealthy() {
        Pool pool = pool(10, PoolPolicy.DEFAULT);
        Endpoint endpoint = pool.endpoints().get(0);
        respond(endpoint, 500, 5);
        clock.advance(Duration.ofSeconds(30));
        respond(endpoint, 500, 5);
        assertThat(endpoint.ejectedUntil()).contains(clock.instant().plusSeconds(60));
        clock.advance(Duration.ofSeconds(60));

        // two base ejection times back in rotation forgive both
        clock.advance(Duration.ofSeconds(60));
        respond(endpoint, 500, 5);

        assertThat(endpoint.ejectedUntil()).contains(clock.instant().plusSeconds(30));
    }

    @Test
    void shouldEjectAtMostTheMaxEjectedShare() {
        Pool pool = pool(20, PoolPolicy.DEFAULT);

        for (Endpoint endpoint : pool.endpoints().subList(0, 5)) {
            respond(endpoint, 500, 5);
        }

        // 10 % of 20
        assertThat(pool.endpoints().stream().filter(Endpoint::ejected)).hasSize(2);
    }

    @Test
    void shouldAlwaysAllowOneEjectionInASmallPool() {
        Pool pool = pool(3, PoolPolicy.DEFAULT);

        respond(pool.endpoints().get(0), 500, 5);
        respond(pool.endpoints().get(1), 500, 5);

        // 10 % of 3 rounds down to none, but one may go
        assertThat(pool.endpoints().stream().filter(Endpoint::ejected)).hasSize(1);
        // and once it is back, the next one may go
        clock.advance(Duration.ofSeconds(30));
        respond(pool.endpoints().get(1), 500, 1);
        assertThat(pool.endpoints().get(1).ejected()).isTrue();
    }

    @Test
    void shouldBalanceOverEveryEndpointInPanicMode() {
        Pool pool = pool(4, PoolPolicy.DEFAULT);
        List<Endpoint> endpoints = pool.endpoints();
        for (Endpoint endpoint : endpoints.subList(0, 2)) {
            for (int i = 0; i < 3; i++) {
                endpoint.recordHealthCheck(false);
            }
        }
        // two of four available is exactly 50 %: not yet panic
        assertThat(pool.panicking()).isFalse();
        assertThat(chosenOver(pool, 40)).hasSize(2);
        assertThat(pool.choose(RequestAttributes.empty(), Set.of()).reason()).isEqualTo(SelectionReason.STRATEGY);

        for (int i = 0; i < 3; i++) {
            endpoints.get(2).recordHealthCheck(false);
        }

        assertThat(pool.panicking()).isTrue();
        assertThat(chosenOver(pool, 40)).containsExactlyInAnyOrderElementsOf(endpoints);
        assertThat(pool.choose(RequestAttributes.empty(), Set.of()).reason()).isEqualTo(SelectionReason.PANIC);
    }

    @Test
    void shouldServeFromTheOnlyEndpointEvenWhenItIsEjected() {
        Pool pool = pool(1, PoolPolicy.DEFAULT);
        respond(pool.endpoints().get(0), 500, 5);

        Selection selection = pool.choose(RequestAttributes.empty(), Set.of());

        assertThat(pool.endpoints().get(0).ejected()).isTrue();
        assertThat(selection.endpoint()).isSameAs(pool.endpoints().get(0));
        assertThat(selection.reason()).isEqualTo(SelectionReason.PANIC);
    }

    @Test
    void shouldFindNothingWithPanicModeOffAndEveryEndpointDown() {
        Pool pool = pool(2, PoolPolicy.DEFAULT.withPanicThresholdPercent(0));
        for (Endpoint endpoint : pool.endpoints()) {
            for (int i = 0; i < 3; i++) {
                endpoint.recordHealthCheck(false);
            }
        }

        assertThat(pool.choose(RequestAttributes.empty(), Set.of())).isEqualTo(Selection.none());
    }

    @Test
    void shouldRampAnEndpointBackUpAfterItsEjection() {
        Pool pool = pool(10, PoolPolicy.DEFAULT.withSlowStart(SlowStart.linear(Duration.ofSeconds(20))));
        clock.advance(Duration.ofMinutes(1));
        Endpoint endpoint = pool.endpoints().get(0);
        respond(endpoint, 500, 5);

        clock.advance(Duration.ofSeconds(40));

        // back for 10 s of a 20 s window
        assertThat(endpoint.slowStartFactor()).isEqualTo(0.5);
    }
}
