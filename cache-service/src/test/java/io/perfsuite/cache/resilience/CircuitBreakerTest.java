package io.perfsuite.cache.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.perfsuite.cache.resilience.CircuitBreaker.Config;
import io.perfsuite.cache.resilience.CircuitBreaker.State;
import io.perfsuite.cache.resilience.CircuitBreaker.Transition;
import io.perfsuite.testsupport.MutableClock;

class CircuitBreakerTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private final MutableClock clock = new MutableClock(T0);
    private final Config config = new Config(3, Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(10));
    private final CircuitBreaker breaker = new CircuitBreaker(config, clock);
    private final List<Transition> transitions = new CopyOnWriteArrayList<>();

    @BeforeEach
    void recordTransitions() {
        breaker.onTransition(transitions::add);
    }

    private void fail(int times) {
        for (int i = 0; i < times; i++) {
            assertThat(breaker.allowRequest()).isTrue();
            breaker.onFailure();
        }
    }

    private void openAndWaitOut() {
        fail(3);
        clock.advance(Duration.ofSeconds(1));
    }

    @Test
    void shouldStayClosedBelowFailureThreshold() {
        fail(2);

        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        assertThat(breaker.allowRequest()).isTrue();
        assertThat(transitions).isEmpty();
    }

    @Test
    void shouldOpenAfterConsecutiveFailuresAndRejectDuringCoolDown() {
        fail(3);

        assertThat(breaker.state()).isEqualTo(State.OPEN);
        assertThat(breaker.allowRequest()).isFalse();
        clock.advance(Duration.ofMillis(999));
        assertThat(breaker.allowRequest()).isFalse();
        assertThat(transitions).containsExactly(new Transition(State.CLOSED, State.OPEN, T0));
    }

    @Test
    void shouldResetFailureCountOnSuccess() {
        fail(2);
        breaker.onSuccess();
        fail(2);

        assertThat(breaker.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void shouldLetExactlyOneProbeThroughAfterCoolDown() {
        openAndWaitOut();

        assertThat(breaker.allowRequest()).isTrue();
        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
        assertThat(breaker.allowRequest()).isFalse();
        assertThat(breaker.allowRequest()).isFalse();
    }

    @Test
    void shouldCloseAndNotifyRecoveryWhenProbeSucceeds() {
        openAndWaitOut();
        breaker.allowRequest();

        breaker.onSuccess();

        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        assertThat(breaker.allowRequest()).isTrue();
        assertThat(transitions).extracting(Transition::to)
                .containsExactly(State.OPEN, State.HALF_OPEN, State.CLOSED);
        assertThat(transitions.get(2).recovered()).isTrue();
        assertThat(transitions.get(2).from()).isEqualTo(State.HALF_OPEN);
    }

    @Test
    void shouldReopenWithDoublingCoolDownCappedAtMax() {
        openAndWaitOut(); // first cool-down 1s
        Duration[] expected = {Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(5),
                Duration.ofSeconds(5)};

        for (Duration coolDown : expected) {
            assertThat(breaker.allowRequest()).isTrue();
            breaker.onFailure();
            assertThat(breaker.state()).isEqualTo(State.OPEN);
            clock.advance(coolDown.minusMillis(1));
            assertThat(breaker.allowRequest()).as("still cooling down for %s", coolDown).isFalse();
            clock.advance(Duration.ofMillis(1));
        }
    }

    @Test
    void shouldResetCoolDownAfterRecovery() {
        openAndWaitOut();
        breaker.allowRequest();
        breaker.onFailure(); // cool-down now 2s
        clock.advance(Duration.ofSeconds(2));
        breaker.allowRequest();
        breaker.onSuccess();

        fail(3);
        clock.advance(Duration.ofSeconds(1));

        assertThat(breaker.allowRequest()).isTrue();
    }

    @Test
    void shouldAllowAnotherProbeWhenTheFirstNeverReports() {
        openAndWaitOut();
        assertThat(breaker.allowRequest()).isTrue();

        clock.advance(Duration.ofSeconds(9));
        assertThat(breaker.allowRequest()).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(breaker.allowRequest()).isTrue();
        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
    }

    @Test
    void shouldIgnoreLateOutcomesWhileOpen() {
        fail(3);

        breaker.onSuccess();
        assertThat(breaker.state()).isEqualTo(State.OPEN);
        breaker.onFailure();
        clock.advance(Duration.ofSeconds(1));
        assertThat(breaker.allowRequest()).as("late failure must not extend the cool-down").isTrue();
    }

    @Test
    void shouldValidateConfig() {
        assertThatThrownBy(() -> new Config(0, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("failureThreshold");
        assertThatThrownBy(() -> new Config(1, Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxOpenDuration");
        assertThatThrownBy(() -> new Config(1, Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("openDuration");
        assertThat(Config.defaults().failureThreshold()).isEqualTo(5);
    }

    @Test
    void shouldGrantSingleProbeUnderConcurrentRequests() throws Exception {
        openAndWaitOut();
        int threads = 64;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> answers = IntStream.range(0, threads)
                    .mapToObj(i -> pool.submit(() -> {
                        start.await();
                        return breaker.allowRequest();
                    }))
                    .toList();
            start.countDown();

            long granted = 0;
            for (Future<Boolean> answer : answers) {
                if (answer.get(10, TimeUnit.SECONDS)) {
                    granted++;
                }
            }
            assertThat(granted).isEqualTo(1);
            assertThat(transitions).extracting(Transition::to).containsExactly(State.OPEN, State.HALF_OPEN);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldOpenExactlyOnceUnderConcurrentFailures() throws Exception {
        int threads = 32;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = IntStream.range(0, threads)
                    .mapToObj(i -> pool.submit(() -> {
                        start.await();
                        breaker.onFailure();
                        return null;
                    }))
                    .<Future<?>>map(f -> f)
                    .toList();
            start.countDown();
            for (Future<?> f : done) {
                f.get(10, TimeUnit.SECONDS);
            }

            assertThat(breaker.state()).isEqualTo(State.OPEN);
            assertThat(transitions).containsExactly(new Transition(State.CLOSED, State.OPEN, T0));
        } finally {
            pool.shutdownNow();
        }
    }
}
