package io.perfsuite.monitor.anomaly.detection;

/** The range a series showed while a detector was learning, and a bucket width that never collapses to zero. */
final class RangeLearner {

    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    void add(double value) {
        min = Math.min(min, value);
        max = Math.max(max, value);
    }

    double min() {
        return min;
    }

    double bucketWidth(int bins) {
        double spread = max - min;
        if (spread > 0) {
            return spread / bins;
        }
        // A flat series: any change of a thousandth of its level (or of 1e-9 at zero) is a new bucket.
        return Math.max(Math.abs(min) * 1e-3, 1e-9);
    }
}
