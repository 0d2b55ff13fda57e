package io.perfsuite.router.breaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.perfsuite.router.breaker.CircuitBreaker.State;
import io.perfsuite.testsupport.MutableClock;

class CircuitBreakerTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final CircuitBreaker breaker = new CircuitBreaker(
            new CircuitBreaker.Settings(2, Duration.ofSeconds(1), Duration.ofSeconds(5), 2), clock);

    @Test
    void shouldStayClosedUntilTheFailureThresholdIsReached() {
        breaker.onFailure();
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        breaker.onSuccess();
        breaker.onFailure();
        assertThat(breaker.allowsTraffic()).isTrue();

        breaker.onFailure();

        assertThat(breaker.state()).isEqualTo(State.OPEN);
        assertThat(breaker.allowsTraffic()).isFalse();
        assertThat(breaker.snapshot().openUntil()).isEqualTo(clock.instant().plusSeconds(1));
    }

    @Test
    void shouldIgnoreSuccessesWhileOpenAndTurnHalfOpenAfterTheBackoff() {
        trip();
        breaker.onSuccess();
        clock.advance(Duration.ofMillis(999));
        assertThat(breaker.state()).isEqualTo(State.OPEN);

        clock.advance(Duration.ofMillis(1));

        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
        assertThat(breaker.allowsTraffic()).isFalse();
    }

    @Test
    void shouldCloseAfterEnoughGoodProbesWhileHalfOpen() {
        trip();
        clock.advance(Duration.ofSeconds(1));
        breaker.onSuccess();
        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);

        breaker.onSuccess();

        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        assertThat(breaker.snapshot().trips()).isZero();
    }

    @Test
    void shouldDoubleTheBackoffOnEachFailedTrialUpToTheMaximum() {
        trip();
        Instant opened = clock.instant();
        assertThat(breaker.snapshot().openUntil()).isEqualTo(opened.plusSeconds(1));

        clock.advance(Duration.ofSeconds(1));
        breaker.onFailure();
        assertThat(breaker.snapshot().openUntil()).isEqualTo(clock.instant().plusSeconds(2));

        clock.advance(Duration.ofSeconds(2));
        breaker.onFailure();
        assertThat(breaker.snapshot().openUntil()).isEqualTo(clock.instant().plusSeconds(4));

        clock.advance(Duration.ofSeconds(4));
        breaker.onFailure();
        assertThat(breaker.snapshot().openUntil()).isEqualTo(clock.instant().plusSeconds(5));
    }

    @Test
    void shouldStartFromTheBaseBackoffAgainOnceClosed() {
        trip();
        clock.advance(Duration.ofSeconds(1));
        breaker.onFailure();
        clock.advance(Duration.ofSeconds(2));
        breaker.onSuccess();
        breaker.onSuccess();
        assertThat(breaker.state()).isEqualTo(State.CLOSED);

        trip();

        assertThat(breaker.snapshot().openUntil()).isEqualTo(clock.instant().plusSeconds(1));
    }

    @Test
    void shouldReopenOnOneFailureDuringTheTrialEvenAfterAGoodProbe() {
        trip();
        clock.advance(Duration.ofSeconds(1));
        breaker.onSuccess();

        breaker.onFailure();

        assertThat(breaker.state()).isEqualTo(State.OPEN);
    }

    @Test
    void shouldRefuseSettingsThatCannotWork() {
        assertThatThrownBy(() -> new CircuitBreaker.Settings(0, Duration.ofSeconds(1), Duration.ofSeconds(2), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CircuitBreaker.Settings(1, Duration.ofSeconds(3), Duration.ofSeconds(2), 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private void trip() {
        breaker.onFailure();
        breaker.onFailure();
        assertThat(breaker.state()).isEqualTo(State.OPEN);
    }
}
