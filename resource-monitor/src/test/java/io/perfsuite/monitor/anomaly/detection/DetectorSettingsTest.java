package io.perfsuite.monitor.anomaly.detection;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DetectorSettingsTest {

    private static DetectorSettings with(double spreadBlend, int calmPoints) {
        DetectorSettings d = DetectorSettings.defaults();
        return new DetectorSettings(d.learningPoints(), d.bins(), d.historyPoints(), d.recentPoints(),
                d.suppressAbove(), d.suppressPoints(), d.extremeScale(), d.slotSeconds(), d.maxContexts(), spreadBlend,
                calmPoints);
    }

    @Test
    void shouldRejectASpreadBlendOutsideZeroToOne() {
        assertThatThrownBy(() -> with(1.5, 60)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("spreadBlend");
        assertThatThrownBy(() -> with(Double.NaN, 60)).hasMessageContaining("spreadBlend");
    }

    @Test
    void shouldRejectACalmCountBelowOne() {
        assertThatThrownBy(() -> with(0.25, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("calmPoints");
    }
}
