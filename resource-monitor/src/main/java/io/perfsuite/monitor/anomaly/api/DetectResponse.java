package io.perfsuite.monitor.anomaly.api;

import java.time.Instant;
import java.util.List;

/** Scores in input order; {@code threshold} is the score at and above which a point is an anomaly. */
public record DetectResponse(String detector, double sensitivity, double threshold, List<Point> points) {

    public record Point(Instant timestamp, double score, boolean anomaly) {
    }
}
