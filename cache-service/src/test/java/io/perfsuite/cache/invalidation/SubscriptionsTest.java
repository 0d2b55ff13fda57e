package io.perfsuite.cache.invalidation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.perfsuite.cache.invalidation.Subscriptions.Push;

class SubscriptionsTest {

    @Test
    void shouldBeCoherentOnlyWithEveryTrackedStreamUp() {
        assertThat(Subscriptions.coherent(3, 3)).isTrue();
        assertThat(Subscriptions.coherent(3, 2)).isFalse();
        assertThat(Subscriptions.coherent(0, 0)).isFalse();
    }

    @Test
    void shouldResubscribeWhenTheMastersChangeButNotWhenTheyAreListedInAnotherOrder() {
        assertThat(Subscriptions.mustResubscribe(List.of("a", "b"), List.of("b", "a"))).isFalse();
        assertThat(Subscriptions.mustResubscribe(List.of("a", "b"), List.of("a", "c"))).isTrue();
        assertThat(Subscriptions.mustResubscribe(List.of("a", "b"), List.of("a"))).isTrue();
    }

    @Test
    void shouldFlushEverythingForAnInvalidationWithoutKeys() {
        assertThat(Subscriptions.classify(true, 2, "invalidate", true)).isEqualTo(Push.FLUSH_ALL);
    }

    @Test
    void shouldDropTheNamedKeysOfAnInvalidation() {
        assertThat(Subscriptions.classify(true, 2, "invalidate", false)).isEqualTo(Push.KEYS);
    }

    @Test
    void shouldIgnoreWhatIsNotAnInvalidationPush() {
        assertThat(Subscriptions.classify(false, 2, "invalidate", false)).isEqualTo(Push.IGNORE);
        assertThat(Subscriptions.classify(true, 2, "message", false)).isEqualTo(Push.IGNORE);
        assertThat(Subscriptions.classify(true, 1, "invalidate", false)).isEqualTo(Push.IGNORE);
    }

    @Test
    void shouldBackOffByDoublingUpToTheCap() {
        assertThat(ResubscribeBackoff.next(ResubscribeBackoff.FIRST)).isEqualTo(Duration.ofMillis(200));
        assertThat(ResubscribeBackoff.next(Duration.ofSeconds(4))).isEqualTo(ResubscribeBackoff.MAX);
        assertThat(ResubscribeBackoff.next(ResubscribeBackoff.MAX)).isEqualTo(ResubscribeBackoff.MAX);
    }
}
