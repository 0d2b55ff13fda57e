package io.perfsuite.monitor.anomaly.detection;

import java.util.Arrays;
import java.util.Optional;

/** The detectors a caller can ask for by name. */
public enum DetectorKind {
    /** {@link ContextNoveltyDetector}: the default, the one scored on NAB. */
    CONTEXT("context"),
    /** {@link SeasonalBaselineDetector}: a median per time-of-day slot, for comparison. */
    SEASONAL("seasonal");

    private final String id;

    DetectorKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public AnomalyDetector create(DetectorSettings settings) {
        return switch (this) {
            case CONTEXT -> new ContextNoveltyDetector(settings);
            case SEASONAL -> new SeasonalBaselineDetector(settings);
        };
    }

    public static Optional<DetectorKind> byId(String id) {
        return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst();
    }
}
