package io.perfsuite.cache.tiering;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.perfsuite.cache.namespace.WriteMode;

class WriteBackTest {

    @Test
    void shouldFillAWriteThroughValueWhileCoherent() {
        assertThat(WriteBack.after(WriteMode.THROUGH, true)).isEqualTo(WriteBack.FILL_OWN_WRITE);
    }

    @Test
    void shouldDropTheKeyForWriteAroundOrWithoutCoherence() {
        assertThat(WriteBack.after(WriteMode.AROUND, true)).isEqualTo(WriteBack.DROP);
        assertThat(WriteBack.after(WriteMode.THROUGH, false)).isEqualTo(WriteBack.DROP);
    }

    @Test
    void shouldFillReadsOnlyWhileCoherent() {
        assertThat(WriteBack.fillsAfterRead(true)).isTrue();
        assertThat(WriteBack.fillsAfterRead(false)).isFalse();
    }
}
