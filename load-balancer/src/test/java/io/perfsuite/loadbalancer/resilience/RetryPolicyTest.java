package io.perfsuite.loadbalancer.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.perfsuite.loadbalancer.resilience.RetryPolicy.Failure;

class RetryPolicyTest {

    @Test
    void shouldRetryOnlyIdempotentMethodsByDefault() {
        for (String method : Set.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE", "get")) {
            assertThat(RetryPolicy.DEFAULT.mayRetry(method, Failure.CONNECT_FAILURE, 1, true)).as(method).isTrue();
        }
        assertThat(RetryPolicy.DEFAULT.mayRetry("POST", Failure.CONNECT_FAILURE, 1, true)).isFalse();
        assertThat(RetryPolicy.DEFAULT.mayRetry("PATCH", Failure.UNAVAILABLE, 1, true)).isFalse();
    }

    @Test
    void shouldRetryPostWhenConfigured() {
        Set<String> methods = new HashSet<>(RetryPolicy.IDEMPOTENT_METHODS);
        methods.add("post");

        assertThat(new RetryPolicy(methods, 1).mayRetry("POST", Failure.UNAVAILABLE, 1, true)).isTrue();
    }

    @Test
    void shouldStopAfterMaxRetriesAndForABodyThatCannotBeReplayed() {
        assertThat(RetryPolicy.DEFAULT.mayRetry("GET", Failure.UNAVAILABLE, 2, true)).isTrue();
        assertThat(RetryPolicy.DEFAULT.mayRetry("GET", Failure.UNAVAILABLE, 3, true)).isFalse();
        assertThat(RetryPolicy.DEFAULT.mayRetry("PUT", Failure.RESET, 1, false)).isFalse();
    }

    @Test
    void shouldNotRetryATimeout() {
        assertThat(RetryPolicy.DEFAULT.mayRetry("GET", Failure.TIMEOUT, 1, true)).isFalse();
    }
}
