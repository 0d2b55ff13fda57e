package io.perfsuite.monitor.alerting;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One {@code alert:} rule of a Prometheus rule file.
 *
 * @param expr the PromQL expression; for an anomaly rule, its query
 * @param source where it was defined ({@code file:line}), for the API and error messages
 * @param anomaly the anomaly condition, or null for a plain Prometheus alert rule
 */
public record AlertRule(String name, String expr, Duration forDuration, Duration keepFiringFor, Map<String, String> labels,
        Map<String, String> annotations, String source, AnomalyCondition anomaly) {

    public AlertRule(String name, String expr, Duration forDuration, Duration keepFiringFor, Map<String, String> labels,
            Map<String, String> annotations, String source) {
        this(name, expr, forDuration, keepFiringFor, labels, annotations, source, null);
    }

    public AlertRule {
        labels = Collections.unmodifiableMap(new TreeMap<>(labels));
        annotations = Collections.unmodifiableMap(new TreeMap<>(annotations));
    }
}
