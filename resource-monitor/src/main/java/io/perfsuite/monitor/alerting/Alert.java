package io.perfsuite.monitor.alerting;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A snapshot of one alert instance (one label set of one rule).
 *
 * @param labels the alert's identity: the series' labels without {@code __name__}, the rule's labels, and
 *        {@code alertname}
 * @param activeAt when the expression first held for this label set (pending start), kept once firing, like
 *        {@code ALERTS_FOR_STATE}
 * @param firedAt when it went from pending to firing, or null
 * @param resolvedAt when a firing alert stopped firing, or null; resolved alerts are kept for 15 minutes
 * @param keepFiringSince when the expression stopped holding while {@code keep_firing_for} keeps it firing, or null
 */
public record Alert(String rule, Map<String, String> labels, Map<String, String> annotations, AlertState state,
        Instant activeAt, Instant firedAt, Instant resolvedAt, Instant keepFiringSince, double value) {

    public Alert {
        labels = Collections.unmodifiableMap(new TreeMap<>(labels));
        annotations = Collections.unmodifiableMap(new TreeMap<>(annotations));
    }

    public boolean isResolved() {
        return state == AlertState.INACTIVE && resolvedAt != null;
    }
}
