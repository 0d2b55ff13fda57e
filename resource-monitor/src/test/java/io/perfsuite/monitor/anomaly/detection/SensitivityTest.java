package io.perfsuite.monitor.anomaly.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SensitivityTest {

    @Test
    void shouldUseTheNabTunedThresholdAtTheDefaultSensitivity() {
        assertThat(Sensitivity.threshold(0.5)).isEqualTo(Sensitivity.TUNED_THRESHOLD);
    }

    @Test
    void shouldFlagMoreAsSensitivityRises() {
        assertThat(Sensitivity.threshold(0.0)).isEqualTo(1.0);
        assertThat(Sensitivity.threshold(0.2)).isGreaterThan(Sensitivity.threshold(0.5));
        assertThat(Sensitivity.threshold(0.9)).isLessThan(Sensitivity.threshold(0.5));
        assertThat(Sensitivity.isAnomalous(0.2, 1.0)).isTrue();
        assertThat(Sensitivity.isAnomalous(0.2, 0.5)).isFalse();
    }

    @Test
    void shouldRefuseSensitivityOutsideZeroToOne() {
        assertThatThrownBy(() -> Sensitivity.threshold(1.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[0, 1]");
        assertThatThrownBy(() -> Sensitivity.threshold(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
