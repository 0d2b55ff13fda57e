package io.perfsuite.monitor.anomaly.detection;

import java.time.Instant;

/**
 * One series' detector. Points arrive in timestamp order; each answer depends only on the points before it and the
 * point itself, so replaying a prefix gives the same scores as the start of the full series.
 */
public interface AnomalyDetector {

    /**
     * @return how anomalous this point is, in [0, 1]: 0 while the detector is still learning the series' normal
     *         range, near 1 when the point leaves it
     */
    double score(Instant timestamp, double value);
}
