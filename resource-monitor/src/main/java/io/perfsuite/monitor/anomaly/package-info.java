/**
 * Anomaly detection's adapters: the per-series scores and gauges alerting uses ({@link
 * io.perfsuite.monitor.anomaly.AnomalyScores}) and its configuration. The detectors themselves are the pure
 * {@code detection} package; the REST resource is {@code api}.
 */
package io.perfsuite.monitor.anomaly;
