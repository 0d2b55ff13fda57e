package io.perfsuite.monitor.anomaly.api;

import java.time.Instant;
import java.util.List;

/**
 * Body of {@code POST /v1/anomalies/detect}. Timestamps are ISO-8601 instants or epoch seconds; {@code sensitivity}
 * defaults to 0.5 and {@code detector} to {@code context}.
 */
public record DetectRequest(List<Point> series, Double sensitivity, String detector) {

    public record Point(Instant timestamp, Double value) {
    }
}
