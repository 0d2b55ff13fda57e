package io.perfsuite.monitor.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class ChartWindowTest {

    private static final Instant NOW = Instant.parse("2026-01-01T10:00:07.300Z");

    @Test
    void shouldDefaultToFifteenMinutesInAboutOneHundredEightyStepsEndingOnTheStepGrid() {
        ChartWindow w = ChartWindow.ending(NOW, null, null);

        assertThat(w.step()).isEqualTo(Duration.ofSeconds(5));
        assertThat(w.end()).isEqualTo(Instant.parse("2026-01-01T10:00:05Z"));
        assertThat(Duration.between(w.start(), w.end())).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void shouldReadPrometheusStyleCompoundDurations() {
        ChartWindow w = ChartWindow.ending(NOW, "1h30m", "30s");

        assertThat(Duration.between(w.start(), w.end())).isEqualTo(Duration.ofMinutes(90));
        assertThat(w.step()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void shouldRefuseMoreThanTheMaximumPointsNamingTheStep() {
        assertThatThrownBy(() -> ChartWindow.ending(NOW, "1d", "10s"))
                .isInstanceOfSatisfying(ChartWindow.InvalidWindow.class, e -> {
                    assertThat(e.field()).isEqualTo("step");
                    assertThat(e.rule()).isEqualTo("maxPoints");
                });
        assertThat(ChartWindow.ending(NOW, "1d", "1m").step()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void shouldRefuseTextThatIsNoDurationAndRangesOutsideTheBounds() {
        assertThatThrownBy(() -> ChartWindow.ending(NOW, "-5m", null))
                .isInstanceOfSatisfying(ChartWindow.InvalidWindow.class, e -> assertThat(e.rule()).isEqualTo("duration"));
        assertThatThrownBy(() -> ChartWindow.ending(NOW, "30s", null))
                .isInstanceOfSatisfying(ChartWindow.InvalidWindow.class, e -> assertThat(e.rule()).isEqualTo("between"));
        assertThatThrownBy(() -> ChartWindow.ending(NOW, "99999999999999999999d", null))
                .isInstanceOfSatisfying(ChartWindow.InvalidWindow.class, e -> assertThat(e.field()).isEqualTo("range"));
    }
}
