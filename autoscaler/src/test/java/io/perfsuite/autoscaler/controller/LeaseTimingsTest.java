package io.perfsuite.autoscaler.controller;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** Lease timings are checked at start-up: a leader must give up before a standby may take its lease. */
class LeaseTimingsTest {

    private static Duration s(long seconds) {
        return Duration.ofSeconds(seconds);
    }

    @Test
    void shouldAcceptTheDefaults() {
        assertThatCode(() -> LeaderElection.checkTimings(s(15), s(10), s(2))).doesNotThrowAnyException();
    }

    @Test
    void shouldRejectARenewDeadlineNotShorterThanTheLeaseDuration() {
        assertThatThrownBy(() -> LeaderElection.checkTimings(s(10), s(10), s(2)))
                .hasMessageContaining("lease-duration").hasMessageContaining("lease-renew-deadline");
    }

    @Test
    void shouldRejectARetryPeriodNotShorterThanTheRenewDeadline() {
        assertThatThrownBy(() -> LeaderElection.checkTimings(s(15), s(2), s(2)))
                .hasMessageContaining("lease-renew-deadline").hasMessageContaining("lease-retry-period");
        assertThatThrownBy(() -> LeaderElection.checkTimings(s(15), s(10), Duration.ZERO))
                .hasMessageContaining("lease-retry-period must be positive");
    }
}
