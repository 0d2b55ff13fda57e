package io.perfsuite.monitor.alerting;

import java.util.Map;
import java.util.TreeMap;

/** One element of an instant vector: a label set and its value at the evaluation time. */
public record Sample(Map<String, String> labels, double value) {

    public Sample {
        labels = java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
    }
}
