package io.perfsuite.cache.invalidation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.perfsuite.cache.invalidation.StreamKeepalive.Action;

class StreamKeepaliveTest {

    private static final long S = 1_000_000_000L;

    private final StreamKeepalive keepalive = new StreamKeepalive(Duration.ofSeconds(5), Duration.ofSeconds(2), 0);

    @Test
    void shouldStayQuietWhileTheStreamWasHeardWithinTheInterval() {
        assertThat(keepalive.tick(4 * S)).isEqualTo(Action.NONE);
        keepalive.heard(4 * S);
        assertThat(keepalive.tick(8 * S)).isEqualTo(Action.NONE);
    }

    @Test
    void shouldPingOnceAStreamHasBeenSilentForTheInterval() {
        assertThat(keepalive.tick(5 * S)).isEqualTo(Action.PING);
        // one PING at a time
        assertThat(keepalive.tick(6 * S)).isEqualTo(Action.NONE);
    }

    @Test
    void shouldDeclareTheStreamDeadWhenThePingIsNotAnsweredInTime() {
        keepalive.tick(5 * S);

        assertThat(keepalive.tick(7 * S - 1)).isEqualTo(Action.NONE);
        assertThat(keepalive.tick(7 * S)).isEqualTo(Action.DEAD);
    }

    @Test
    void shouldCountAnAnsweredPingAsAlive() {
        keepalive.tick(5 * S);
        keepalive.heard(6 * S);

        assertThat(keepalive.tick(8 * S)).isEqualTo(Action.NONE);
        assertThat(keepalive.tick(11 * S)).isEqualTo(Action.PING);
    }

    @Test
    void shouldTickOftenEnoughToDetectWithinAQuarterOfTheShorterPeriod() {
        assertThat(StreamKeepalive.tickPeriod(Duration.ofSeconds(5), Duration.ofSeconds(2)))
                .isEqualTo(Duration.ofMillis(500));
        assertThat(StreamKeepalive.tickPeriod(Duration.ofMillis(20), Duration.ofMillis(20)))
                .isEqualTo(Duration.ofMillis(10));
    }

    @Test
    void shouldRefuseANonPositivePeriod() {
        assertThatThrownBy(() -> new StreamKeepalive(Duration.ZERO, Duration.ofSeconds(1), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
