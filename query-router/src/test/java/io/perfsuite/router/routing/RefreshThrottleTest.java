package io.perfsuite.router.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.perfsuite.testsupport.MutableClock;

class RefreshThrottleTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final RefreshThrottle throttle = new RefreshThrottle(clock, Duration.ofSeconds(5));

    @Test
    void shouldAllowTheFirstRefreshAtOnce() {
        assertThat(throttle.tryStart()).isTrue();
    }

    @Test
    void shouldAllowOneRefreshPerInterval() {
        assertThat(throttle.tryStart()).isTrue();
        clock.advance(Duration.ofMillis(4999));
        assertThat(throttle.tryStart()).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(throttle.tryStart()).isTrue();
        assertThat(throttle.tryStart()).isFalse();
    }
}
