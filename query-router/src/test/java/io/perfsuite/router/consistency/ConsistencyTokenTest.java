package io.perfsuite.router.consistency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConsistencyTokenTest {

    @Test
    void shouldRoundTripTimelineAndWalPosition() {
        ConsistencyToken token = ConsistencyToken.parse("3:1A/3000148");

        assertThat(token.timeline()).isEqualTo(3);
        assertThat(token.lsn().value()).isEqualTo((0x1AL << 32) | 0x3000148L);
        assertThat(token.encode()).isEqualTo("3:1A/3000148");
    }

    @Test
    void shouldOrderWalPositionsAcrossTheHighWord() {
        assertThat(Lsn.parse("1/0").isAtLeast(Lsn.parse("0/FFFFFFFF"))).isTrue();
        assertThat(Lsn.parse("0/10").bytesAfter(Lsn.parse("0/4"))).isEqualTo(12);
        assertThat(Lsn.parse("0/4").bytesAfter(Lsn.parse("0/10"))).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1", "0/1000", "x:0/1", "0:0/1", "1:0/", "1:/5", "1:0/ZZ", "-1:0/1", "1:123456789/0"})
    void shouldRejectMalformedTokens(String text) {
        assertThatThrownBy(() -> ConsistencyToken.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
