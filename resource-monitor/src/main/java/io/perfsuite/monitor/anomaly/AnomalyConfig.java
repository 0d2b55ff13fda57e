package io.perfsuite.monitor.anomaly;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.perfsuite.monitor.anomaly.detection.DetectorSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits of anomaly detection; checked at start-up. */
@ConfigMapping(prefix = "monitor.anomaly")
public interface AnomalyConfig {

    /** Most points one {@code POST /v1/anomalies/detect} may carry: a request is one synchronous pass. */
    @WithDefault("100000")
    @Min(1)
    @Max(10_000_000)
    int maxPoints();

    /** Most series {@link AnomalyScores} keeps a detector and a gauge for; past it the stalest series is forgotten. */
    @WithDefault("10000")
    @Min(1)
    int maxSeries();

    /** Points a detector learns a series' range from before it scores; the NAB-tuned default is 300. */
    @WithDefault("300")
    @Min(10)
    int learningPoints();

    default DetectorSettings settings() {
        DetectorSettings d = DetectorSettings.defaults();
        return new DetectorSettings(learningPoints(), d.bins(), d.historyPoints(), d.recentPoints(), d.suppressAbove(),
                d.suppressPoints(), d.extremeScale(), d.slotSeconds(), d.maxContexts(), d.spreadBlend(), d.calmPoints());
    }
}
