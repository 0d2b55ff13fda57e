package io.perfsuite.loadbalancer.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.perfsuite.loadbalancer.endpoint.Endpoint;
import io.perfsuite.loadbalancer.endpoint.EndpointSpec;
import io.perfsuite.loadbalancer.endpoint.Pool;
import io.perfsuite.loadbalancer.endpoint.PoolPolicy;
import io.perfsuite.loadbalancer.endpoint.Selection;
import io.perfsuite.loadbalancer.endpoint.SelectionReason;
import io.perfsuite.testsupport.MutableClock;

class StickyCookieStrategyTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    private Pool stickyPool() {
        return new Pool("web", new StickyCookieStrategy("lb-sticky", new RoundRobinStrategy()), PoolPolicy.DEFAULT,
                clock, List.of(EndpointSpec.of("http://10.0.0.1:80", 1), EndpointSpec.of("http://10.0.0.2:80", 1),
                        EndpointSpec.of("http://10.0.0.3:80", 1)));
    }

    @Test
    void shouldSetTheCookieForTheEndpointTheFallbackChose() {
        Pool pool = stickyPool();
        RequestAttributes request = RequestAttributes.empty();
        Selection selection = pool.choose(request, Set.of());
        List<String> headers = new ArrayList<>();

        pool.onResponse(selection.endpoint(), request, (name, value) -> headers.add(name + ": " + value));

        assertThat(selection.reason()).isEqualTo(SelectionReason.STRATEGY);
        assertThat(headers).containsExactly("Set-Cookie: lb-sticky=" + StickyCookieStrategy.token(selection.endpoint())
                + "; Path=/; HttpOnly; SameSite=Lax");
        // an opaque token, not the backend's address
        assertThat(headers.get(0)).doesNotContain("10.0.0");
    }

    @Test
    void shouldKeepSendingACookiedClientToItsEndpoint() {
        Pool pool = stickyPool();
        Endpoint pinned = pool.endpoints().get(1);
        RequestAttributes request = SimpleRequest.builder().cookie("lb-sticky", StickyCookieStrategy.token(pinned))
                .build();
        List<String> headers = new ArrayList<>();

        for (int i = 0; i < 10; i++) {
            Selection selection = pool.choose(request, Set.of());
            assertThat(selection.endpoint()).isSameAs(pinned);
            assertThat(selection.reason()).isEqualTo(SelectionReason.STICKY);
            pool.onResponse(selection.endpoint(), request, (name, value) -> headers.add(name));
        }
        // the cookie already says so: nothing to set
        assertThat(headers).isEmpty();
    }

    @Test
    void shouldFallBackAndRepinWhenTheCookiesEndpointIsUnavailable() {
        Pool pool = stickyPool();
        Endpoint pinned = pool.endpoints().get(1);
        pinned.drain();
        RequestAttributes request = SimpleRequest.builder().cookie("lb-sticky", StickyCookieStrategy.token(pinned))
                .build();
        List<String> headers = new ArrayList<>();

        Selection selection = pool.choose(request, Set.of());
        pool.onResponse(selection.endpoint(), request, (name, value) -> headers.add(value));

        assertThat(selection.endpoint()).isNotSameAs(pinned);
        assertThat(selection.reason()).isEqualTo(SelectionReason.STRATEGY);
        assertThat(headers).singleElement().asString()
                .startsWith("lb-sticky=" + StickyCookieStrategy.token(selection.endpoint()) + ";");
    }

    @Test
    void shouldFallBackForAnUnknownCookieValue() {
        Pool pool = stickyPool();
        RequestAttributes request = SimpleRequest.builder().cookie("lb-sticky", "forged").build();

        Selection selection = pool.choose(request, Set.of());

        assertThat(selection.found()).isTrue();
        assertThat(selection.reason()).isEqualTo(SelectionReason.STRATEGY);
    }

    @Test
    void shouldRefuseACookieNameThatIsNotAToken() {
        assertThatThrownBy(() -> new StickyCookieStrategy("bad name;", new RoundRobinStrategy()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RFC 6265 token");
    }
}
