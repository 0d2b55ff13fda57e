package io.perfsuite.cache.invalidation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InvalidationTest {

    @Test
    void shouldDropTheValueOfAChangedValueKeyWhoseKeyMayHoldColons() {
        assertThat(Invalidation.forKey("ps", "ps:default:k:user:42/a"))
                .contains(new Invalidation.DropValue("default", "user:42/a"));
    }

    @Test
    void shouldForgetTheVersionOfAMovedTag() {
        assertThat(Invalidation.forKey("ps", "ps:{query-router}:t:t-orders"))
                .contains(new Invalidation.ForgetTag("query-router", "t-orders"));
    }

    @Test
    void shouldIgnoreKeysOutsideTheLayout() {
        assertThat(Invalidation.forKey("ps", "other:default:k:x")).isEmpty();
        assertThat(Invalidation.forKey("ps", "psx:default:k:x")).isEmpty();
        assertThat(Invalidation.forKey("ps", "ps:_hot:{default}")).isEmpty();
        assertThat(Invalidation.forKey("ps", "ps:{default}:nothing")).isEmpty();
        assertThat(Invalidation.forKey("ps", "ps")).isEmpty();
    }
}
