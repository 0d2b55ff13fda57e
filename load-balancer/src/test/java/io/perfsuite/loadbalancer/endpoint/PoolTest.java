package io.perfsuite.loadbalancer.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.perfsuite.loadbalancer.strategy.RequestAttributes;
import io.perfsuite.loadbalancer.strategy.RoundRobinStrategy;
import io.perfsuite.testsupport.MutableClock;

class PoolTest {

    private static final EndpointSpec A = EndpointSpec.of("http://10.0.0.1:8080", 1);
    private static final EndpointSpec B = EndpointSpec.of("http://10.0.0.2:8080", 1);
    private static final EndpointSpec C = EndpointSpec.of("http://10.0.0.3:8080", 1);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    private Pool pool(List<EndpointSpec> specs) {
        return new Pool("api", new RoundRobinStrategy(), PoolPolicy.DEFAULT.withSlowStart(SlowStart.linear(
                Duration.ofSeconds(10))), clock, specs);
    }

    @Test
    void shouldKeepTheStateOfEndpointsThatSurviveAReplace() {
        Pool pool = pool(List.of(A, B));
        Endpoint a = pool.endpoints().get(0);
        a.begin().success(200, 90_000_000);
        clock.advance(Duration.ofSeconds(10));

        pool.replaceEndpoints(List.of(new EndpointSpec(A.id(), A.uri(), 3), C));

        assertThat(pool.endpoints()).hasSize(2);
        assertThat(pool.endpoints().get(0)).isSameAs(a);
        assertThat(a.configuredWeight()).isEqualTo(3);
        assertThat(a.slowStartFactor()).isEqualTo(1.0);
        // a newcomer starts its slow start
        assertThat(pool.endpoint(C.id()).orElseThrow().slowStartFactor()).isEqualTo(0.1);
    }

    @Test
    void shouldDrainAnEndpointThatIsNoLongerListedWhileItsRequestsFinish() {
        Pool pool = pool(List.of(A, B));
        Endpoint b = pool.endpoints().get(1);
        Lease inFlight = b.begin();

        pool.replaceEndpoints(List.of(A));

        assertThat(pool.endpoints()).extracting(Endpoint::id).containsExactly(A.id());
        assertThat(b.draining()).isTrue();
        inFlight.success(200, 1_000_000);
        assertThat(b.inFlight()).isZero();
    }

    @Test
    void shouldTreatTheSameIdAtANewAddressAsANewEndpoint() {
        Pool pool = pool(List.of(A));
        Endpoint before = pool.endpoints().get(0);

        pool.replaceEndpoints(List.of(new EndpointSpec(A.id(), URI.create("http://10.9.9.9:8080"), 1)));

        assertThat(pool.endpoints().get(0)).isNotSameAs(before);
    }

    @Test
    void shouldRefuseTheSameIdTwice() {
        assertThatThrownBy(() -> pool(List.of(A, A))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lists endpoint 10.0.0.1:8080 twice");
    }

    @Test
    void shouldNeverChooseADrainingOrZeroWeightEndpoint() {
        Pool pool = pool(List.of(A, B, C));
        pool.endpoints().get(0).drain();
        pool.endpoints().get(1).setWeight(0);
        Set<Endpoint> chosen = new HashSet<>();

        for (int i = 0; i < 30; i++) {
            chosen.add(pool.choose(RequestAttributes.empty(), Set.of()).endpoint());
        }

        assertThat(chosen).containsExactly(pool.endpoints().get(2));
        // and those two do not count toward panic: the one eligible endpoint is available
        assertThat(pool.panicking()).isFalse();
    }

    @Test
    void shouldRetryOnAnEndpointNotYetTried() {
        Pool pool = pool(List.of(A, B));
        Selection first = pool.choose(RequestAttributes.empty(), null);

        Selection retry = pool.choose(RequestAttributes.empty(), Set.of(first.endpoint()));
        Selection third = pool.choose(RequestAttributes.empty(), Set.of(first.endpoint(), retry.endpoint()));

        assertThat(first.reason()).isEqualTo(SelectionReason.STRATEGY);
        assertThat(retry.endpoint()).isNotSameAs(first.endpoint());
        assertThat(retry.reason()).isEqualTo(SelectionReason.RETRY);
        assertThat(third.found()).isFalse();
    }

    @Test
    void shouldFindNothingInAnEmptyPool() {
        Pool pool = pool(List.of());

        assertThat(pool.choose(RequestAttributes.empty(), Set.of())).isEqualTo(Selection.none());
        assertThat(pool.panicking()).isFalse();
    }
}
