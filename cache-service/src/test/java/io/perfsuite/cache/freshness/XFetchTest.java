package io.perfsuite.cache.freshness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.perfsuite.cache.entry.CacheEntry;

class XFetchTest {

    private static final Instant EXPIRY = Instant.parse("2025-01-01T00:10:00Z");
    // -ln(e^-1) = 1: with this draw the early window is exactly delta * beta.
    private static final double ONE_DELTA = Math.exp(-1);

    private static XFetch pinned(double rand, double beta) {
        return new XFetch(() -> rand, beta);
    }

    @Test
    void shouldNeverRefreshEarlyWhenDeltaIsZero() {
        XFetch xfetch = pinned(Double.MIN_VALUE, 1.0);

        assertThat(xfetch.shouldRefreshEarly(EXPIRY.minusNanos(1), EXPIRY, Duration.ZERO)).isFalse();
    }

    @Test
    void shouldAlwaysRefreshAtAndAfterExpiry() {
        XFetch xfetch = pinned(1.0, 1.0); // a draw of 1 never refreshes early

        assertThat(xfetch.shouldRefreshEarly(EXPIRY, EXPIRY, Duration.ZERO)).isTrue();
        assertThat(xfetch.shouldRefreshEarly(EXPIRY.plusSeconds(1), EXPIRY, Duration.ofSeconds(1))).isTrue();
    }

    @Test
    void shouldNeverRefreshEarlyWhenDrawIsOne() {
        assertThat(pinned(1.0, 1.0).shouldRefreshEarly(EXPIRY.minusMillis(1), EXPIRY, Duration.ofHours(1))).isFalse();
    }

    @Test
    void shouldRefreshEarlierWhenRecomputeIsSlow() {
        XFetch xfetch = pinned(ONE_DELTA, 1.0);
        Instant justUnderFourSecondsBefore = EXPIRY.minusMillis(3_990);

        assertThat(xfetch.shouldRefreshEarly(justUnderFourSecondsBefore, EXPIRY, Duration.ofSeconds(2))).isFalse();
        assertThat(xfetch.shouldRefreshEarly(justUnderFourSecondsBefore, EXPIRY, Duration.ofSeconds(4))).isTrue();
        assertThat(xfetch.shouldRefreshEarly(EXPIRY.minusMillis(4_010), EXPIRY, Duration.ofSeconds(4))).isFalse();
    }

    @Test
    void shouldWidenEarlyWindowWithBeta() {
        Instant justUnderThreeSecondsBefore = EXPIRY.minusMillis(2_990);
        Duration delta = Duration.ofSeconds(2);

        assertThat(pinned(ONE_DELTA, 1.0).shouldRefreshEarly(justUnderThreeSecondsBefore, EXPIRY, delta)).isFalse();
        assertThat(pinned(ONE_DELTA, 1.5).shouldRefreshEarly(justUnderThreeSecondsBefore, EXPIRY, delta)).isTrue();
        assertThat(pinned(ONE_DELTA, 0.0).shouldRefreshEarly(EXPIRY.minusNanos(1), EXPIRY, delta)).isFalse();
    }

    @Test
    void shouldGuardAgainstZeroDrawWithFiniteWindow() {
        // ln(MIN_VALUE) is about -744.4: a zero draw gives a large but finite window, not "always".
        XFetch xfetch = pinned(0.0, 1.0);

        assertThat(xfetch.shouldRefreshEarly(EXPIRY.minusSeconds(744), EXPIRY, Duration.ofSeconds(1))).isTrue();
        assertThat(xfetch.shouldRefreshEarly(EXPIRY.minusSeconds(745), EXPIRY, Duration.ofSeconds(1))).isFalse();
    }

    @Test
    void shouldTreatOutOfRangeDrawsAsNoEarlyRefresh() {
        assertThat(pinned(1.5, 1.0).shouldRefreshEarly(EXPIRY.minusMillis(1), EXPIRY, Duration.ofHours(1))).isFalse();
        assertThat(pinned(Double.NaN, 1.0).shouldRefreshEarly(EXPIRY.minusMillis(1), EXPIRY, Duration.ofHours(1)))
                .isFalse();
    }

    @Test
    void shouldRaiseEarlyRefreshProbabilityAsExpiryNears() {
        XFetch xfetch = XFetch.withGenerator(new SplittableRandom(20150831L), 1.0);
        Duration delta = Duration.ofSeconds(1);
        double[] remainingSeconds = {3.0, 2.0, 1.0, 0.5, 0.1};
        double previous = 0;
        int samples = 20_000;

        for (double remaining : remainingSeconds) {
            Instant now = EXPIRY.minusNanos((long) (remaining * 1e9));
            int early = 0;
            for (int i = 0; i < samples; i++) {
                if (xfetch.shouldRefreshEarly(now, EXPIRY, delta)) {
                    early++;
                }
            }
            double p = (double) early / samples;
            // For one reader P(early) = exp(-remaining / (delta * beta)).
            assertThat(p).as("P(early) with %ss left", remaining).isCloseTo(Math.exp(-remaining), within(0.02));
            assertThat(p).isGreaterThan(previous);
            previous = p;
        }
    }

    @Test
    void shouldUseEntryFreshUntilAndComputeTime() {
        CacheEntry entry = CacheEntry.builder(new byte[0], "x", EXPIRY.minusSeconds(60)).freshUntil(EXPIRY)
                .computeTime(Duration.ofSeconds(4)).build();
        XFetch xfetch = pinned(ONE_DELTA, 1.0);

        assertThat(xfetch.shouldRefreshEarly(entry, EXPIRY.minusSeconds(3))).isTrue();
        assertThat(xfetch.shouldRefreshEarly(entry, EXPIRY.minusSeconds(5))).isFalse();
    }

    @Test
    void shouldRejectNegativeOrNonFiniteBeta() {
        assertThatThrownBy(() -> pinned(0.5, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> pinned(0.5, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> pinned(0.5, Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
    }
}
