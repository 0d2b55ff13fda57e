package io.perfsuite.cache.freshness;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.perfsuite.cache.entry.CacheEntry;
import io.perfsuite.cache.freshness.Freshness.State;

class FreshnessTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private static CacheEntry entry(long freshFor, long staleFor, long staleIfErrorFor) {
        return CacheEntry.builder(new byte[0], "x", T0)
                .freshUntil(T0.plusSeconds(freshFor))
                .staleUntil(T0.plusSeconds(freshFor + staleFor))
                .staleIfErrorUntil(T0.plusSeconds(freshFor + staleIfErrorFor))
                .build();
    }

    @Test
    void shouldWalkThroughEveryStateInOrder() {
        CacheEntry e = entry(10, 20, 60);

        assertThat(Freshness.of(e, T0)).isEqualTo(State.FRESH);
        assertThat(Freshness.of(e, T0.plusSeconds(10).minusNanos(1))).isEqualTo(State.FRESH);
        assertThat(Freshness.of(e, T0.plusSeconds(10))).isEqualTo(State.STALE_SERVABLE_REVALIDATE);
        assertThat(Freshness.of(e, T0.plusSeconds(30).minusNanos(1))).isEqualTo(State.STALE_SERVABLE_REVALIDATE);
        assertThat(Freshness.of(e, T0.plusSeconds(30))).isEqualTo(State.STALE_ONLY_ON_ERROR);
        assertThat(Freshness.of(e, T0.plusSeconds(70).minusNanos(1))).isEqualTo(State.STALE_ONLY_ON_ERROR);
        assertThat(Freshness.of(e, T0.plusSeconds(70))).isEqualTo(State.EXPIRED);
    }

    @Test
    void shouldExpireRightAfterFreshnessWithoutStaleWindows() {
        CacheEntry e = entry(10, 0, 0);

        assertThat(Freshness.of(e, T0.plusSeconds(9))).isEqualTo(State.FRESH);
        assertThat(Freshness.of(e, T0.plusSeconds(10))).isEqualTo(State.EXPIRED);
    }

    @Test
    void shouldServeStaleWhileRevalidatingEvenBeyondStaleIfErrorWindow() {
        CacheEntry e = entry(10, 60, 5);

        assertThat(Freshness.of(e, T0.plusSeconds(20))).isEqualTo(State.STALE_SERVABLE_REVALIDATE);
        assertThat(Freshness.of(e, T0.plusSeconds(70))).isEqualTo(State.EXPIRED);
    }

    @Test
    void shouldSayWhichStatesAnswerWithoutTheOrigin() {
        assertThat(State.FRESH.servableWithoutOrigin()).isTrue();
        assertThat(State.STALE_SERVABLE_REVALIDATE.servableWithoutOrigin()).isTrue();
        assertThat(State.STALE_ONLY_ON_ERROR.servableWithoutOrigin()).isFalse();
        assertThat(State.EXPIRED.servableWithoutOrigin()).isFalse();
    }
}
