/**
 * Streaming anomaly detection, pure: detectors fed one (timestamp, value) at a time, in order, each answering a score
 * in [0, 1] from what it has seen so far (no look-ahead).
 * <p>
 * Rule: plain Java only. No Quarkus, Vert.x, Micrometer, network or files, no clock reads and no global randomness:
 * time arrives with each point. {@code PureCoreArchitectureTest} enforces it.
 */
package io.perfsuite.monitor.anomaly.detection;
