package io.perfsuite.router.cache.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class CacheTtlTest {

    @Test
    void shouldSendATtlUnderASecondInMillisecondsInsteadOfZeroSeconds() {
        assertThat(CacheTtl.wire(Duration.ofMillis(500))).isEqualTo("500ms");
        assertThat(CacheTtl.wire(Duration.ofMillis(1))).isEqualTo("1ms");
    }

    @Test
    void shouldKeepTheFractionOfASecondAboveOneSecond() {
        assertThat(CacheTtl.wire(Duration.ofMillis(1500))).isEqualTo("1500ms");
    }

    @Test
    void shouldSendWholeSecondsAsSeconds() {
        assertThat(CacheTtl.wire(Duration.ofSeconds(30))).isEqualTo("30s");
        assertThat(CacheTtl.wire(Duration.ofHours(1))).isEqualTo("3600s");
    }

    @Test
    void shouldRoundASubMillisecondRemainderUpSoNoPositiveTtlBecomesZero() {
        assertThat(CacheTtl.wire(Duration.ofNanos(1))).isEqualTo("1ms");
        assertThat(CacheTtl.wire(Duration.ofMillis(999).plusNanos(1))).isEqualTo("1s");
    }

    @Test
    void shouldRefuseAZeroOrNegativeTtl() {
        assertThatThrownBy(() -> CacheTtl.wire(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CacheTtl.wire(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
