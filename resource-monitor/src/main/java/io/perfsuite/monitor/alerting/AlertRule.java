package io.perfsuite.monitor.alerting;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One {@code alert:} rule of a Prometheus rule file.
 *
 * @param source where it was defined ({@code file:line}), for the API and error messages
 */
public record AlertRule(String name, String expr, Duration forDuration, Duration keepFiringFor, Map<String, String> labels,
        Map<String, String> annotations, String source) {

    public AlertRule {
        labels = Collections.unmodifiableMap(new TreeMap<>(labels));
        annotations = Collections.unmodifiableMap(new TreeMap<>(annotations));
    }
}
