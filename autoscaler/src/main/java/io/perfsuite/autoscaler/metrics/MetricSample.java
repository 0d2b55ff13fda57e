package io.perfsuite.autoscaler.metrics;

import java.time.Instant;

/** One point of a Prometheus series. */
public record MetricSample(Instant time, double value) {
}
