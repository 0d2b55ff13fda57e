package io.perfsuite.cache.namespace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class TtlPolicyTest {

    private final TtlPolicy policy = new TtlPolicy(Duration.ofMinutes(5), Duration.ofHours(1));

    @Test
    void shouldUseDefaultWhenNothingRequested() {
        assertThat(policy.effective(Optional.empty())).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void shouldHonourRequestedTtlBelowMax() {
        assertThat(policy.effective(Optional.of(Duration.ofSeconds(30)))).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.effective(Optional.of(Duration.ofHours(1)))).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void shouldCapRequestedTtlAtMax() {
        assertThat(policy.effective(Optional.of(Duration.ofDays(7)))).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void shouldRejectNonPositiveRequestedTtl() {
        assertThatThrownBy(() -> policy.effective(Optional.of(Duration.ZERO)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ttl must be positive");
    }

    @Test
    void shouldRejectDefaultAboveMaxAndNonPositiveSettings() {
        assertThatThrownBy(() -> new TtlPolicy(Duration.ofHours(2), Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not exceed maxTtl");
        assertThatThrownBy(() -> new TtlPolicy(Duration.ZERO, Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("defaultTtl");
        assertThatThrownBy(() -> new TtlPolicy(Duration.ofSeconds(1), Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxTtl");
    }
}
