package io.perfsuite.monitor.notification;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * An alert as sent to a notifier, in Alertmanager's terms: Prometheus sends firing alerts with {@code startsAt} = when
 * they fired, and resolved ones with {@code endsAt} = when they resolved.
 *
 * @param endsAt null while firing
 * @param generatorUrl where the alert came from (the rule), or empty
 */
public record NotifiableAlert(String fingerprint, Map<String, String> labels, Map<String, String> annotations,
        Instant startsAt, Instant endsAt, String generatorUrl) {

    public NotifiableAlert {
        labels = Collections.unmodifiableMap(new TreeMap<>(labels));
        annotations = Collections.unmodifiableMap(new TreeMap<>(annotations));
    }

    public static NotifiableAlert of(Map<String, String> labels, Map<String, String> annotations, Instant startsAt,
            Instant endsAt, String generatorUrl) {
        return new NotifiableAlert(Fingerprint.of(labels), labels, annotations, startsAt, endsAt, generatorUrl);
    }

    public boolean isResolved() {
        return endsAt != null;
    }

    public String status() {
        return isResolved() ? "resolved" : "firing";
    }
}
