package io.perfsuite.loadbalancer.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.perfsuite.testsupport.MutableClock;

class RetryBudgetTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    private static int acquireAll(RetryBudget budget) {
        int granted = 0;
        while (budget.tryAcquireRetry()) {
            granted++;
        }
        return granted;
    }

    @Test
    void shouldAllowTheMinimumPerSecondOverTheWindowWithoutTraffic() {
        RetryBudget budget = new RetryBudget(new RetryBudget.Settings(0.2, 2, Duration.ofSeconds(10)), clock);

        assertThat(acquireAll(budget)).isEqualTo(20);
        assertThat(budget.remaining()).isZero();
    }

    @Test
    void shouldEarnRetriesInProportionToRequests() {
        RetryBudget budget = new RetryBudget(new RetryBudget.Settings(0.2, 0, Duration.ofSeconds(10)), clock);

        for (int i = 0; i < 1000; i++) {
            budget.recordRequest();
        }

        // 20 % of 1000
        assertThat(acquireAll(budget)).isEqualTo(200);
    }

    @Test
    void shouldRefillAsTheWindowSlidesPast() {
        RetryBudget budget = new RetryBudget(new RetryBudget.Settings(0.1, 1, Duration.ofSeconds(10)), clock);
        for (int i = 0; i < 100; i++) {
            budget.recordRequest();
        }
        assertThat(acquireAll(budget)).isEqualTo(20);

        clock.advance(Duration.ofSeconds(5));
        // the retries spent are still within the window
        assertThat(budget.tryAcquireRetry()).isFalse();

        clock.advance(Duration.ofSeconds(5));
        // the old requests and retries have slid out: the floor is back
        assertThat(budget.remaining()).isEqualTo(10);
        assertThat(acquireAll(budget)).isEqualTo(10);
    }

    @Test
    void shouldExpireBucketByBucket() {
        RetryBudget budget = new RetryBudget(new RetryBudget.Settings(1.0, 0, Duration.ofSeconds(10)), clock);
        for (int i = 0; i < 10; i++) {
            budget.recordRequest();
            clock.advance(Duration.ofSeconds(1));
        }

        // the first second's request is out of the window, the other nine count
        assertThat(budget.remaining()).isEqualTo(9);
    }

    @Test
    void shouldRefuseNonsenseSettings() {
        assertThatThrownBy(() -> new RetryBudget.Settings(-0.1, 1, Duration.ofSeconds(10)))
                .hasMessageContaining("retry ratio must be zero or more");
        assertThatThrownBy(() -> new RetryBudget.Settings(0.2, -1, Duration.ofSeconds(10)))
                .hasMessageContaining("min retries per second must not be negative");
    }
}
