package io.perfsuite.monitor.alerting;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The alert states of one rule, advanced one evaluation at a time with the rule's query result, following Prometheus's
 * {@code AlertingRule.Eval} step for step:
 * <ul>
 * <li>a label set in the result that is not active (or only resolved) becomes pending with {@code activeAt} = now;</li>
 * <li>pending becomes firing once {@code now - activeAt >= for} (at once when {@code for} is 0);</li>
 * <li>a label set missing from the result: pending is dropped; firing is held by {@code keep_firing_for} (measured
 * from the first evaluation it was missing) and otherwise resolved; resolved alerts are kept 15 minutes, then
 * dropped;</li>
 * <li>a result that maps two series to the same alert labels is an error and changes nothing.</li>
 * </ul>
 * Not thread-safe: one evaluator drives it.
 */
public final class AlertStateMachine {

    /** Prometheus's {@code resolvedRetention}: how long a resolved alert is still reported (and re-sent). */
    public static final Duration RESOLVED_RETENTION = Duration.ofMinutes(15);

    private final AlertRule rule;
    private final Map<String, AlertTemplate> labelTemplates = new LinkedHashMap<>();
    private final Map<String, AlertTemplate> annotationTemplates = new LinkedHashMap<>();
    private final Map<Map<String, String>, Entry> active = new HashMap<>();

    private static final class Entry {
        Map<String, String> labels;
        Map<String, String> annotations;
        AlertState state;
        Instant activeAt;
        Instant firedAt;
        Instant resolvedAt;
        Instant keepFiringSince;
        double value;

        Alert snapshot(String rule) {
            return new Alert(rule, labels, annotations, state, activeAt, firedAt, resolvedAt, keepFiringSince, value);
        }
    }

    public AlertStateMachine(AlertRule rule) {
        this.rule = rule;
        rule.labels().forEach((k, v) -> labelTemplates.put(k, AlertTemplate.parse(v)));
        rule.annotations().forEach((k, v) -> annotationTemplates.put(k, AlertTemplate.parse(v)));
    }

    public AlertRule rule() {
        return rule;
    }

    /**
     * One evaluation at {@code now} with the rule's expression result at {@code now}.
     *
     * @return every alert the rule now holds (pending, firing, and resolved within the retention), by labels
     * @throws DuplicateLabelSetException when two result series give the same alert labels; state is unchanged
     */
    public List<Alert> evaluate(Instant now, List<Sample> result) {
        Map<Map<String, String>, Entry> fresh = new HashMap<>();
        for (Sample sample : result) {
            Map<String, String> templateLabels = sample.labels();
            TreeMap<String, String> labels = new TreeMap<>(sample.labels());
            labels.remove("__name__");
            labelTemplates.forEach((name, template) -> labels.put(name, template.render(templateLabels, sample.value())));
            labels.put("alertname", rule.name());
            Map<String, String> annotations = new TreeMap<>();
            annotationTemplates
                    .forEach((name, template) -> annotations.put(name, template.render(templateLabels, sample.value())));
            if (fresh.containsKey(labels)) {
                throw new DuplicateLabelSetException(rule.name(), labels);
            }
            Entry entry = new Entry();
            entry.labels = labels;
            entry.annotations = annotations;
            entry.state = AlertState.PENDING;
            entry.activeAt = now;
            entry.value = sample.value();
            fresh.put(labels, entry);
        }

        for (Entry entry : fresh.values()) {
            Entry existing = active.get(entry.labels);
            if (existing != null && existing.state != AlertState.INACTIVE) {
                existing.value = entry.value;
                existing.annotations = entry.annotations;
                continue;
            }
            active.put(entry.labels, entry);
        }

        Set<Map<String, String>> drop = new HashSet<>();
        for (Entry entry : active.values()) {
            if (!fresh.containsKey(entry.labels)) {
                boolean keepFiring = false;
                if (entry.state == AlertState.FIRING && !rule.keepFiringFor().isZero()) {
                    if (entry.keepFiringSince == null) {
                        entry.keepFiringSince = now;
                    }
                    keepFiring = Duration.between(entry.keepFiringSince, now).compareTo(rule.keepFiringFor()) < 0;
                }
                if (!keepFiring) {
                    if (entry.state == AlertState.PENDING || (entry.resolvedAt != null
                            && Duration.between(entry.resolvedAt, now).compareTo(RESOLVED_RETENTION) > 0)) {
                        drop.add(entry.labels);
                    }
                    if (entry.state != AlertState.INACTIVE) {
                        entry.state = AlertState.INACTIVE;
                        entry.resolvedAt = now;
                    }
                    continue;
                }
            } else if (entry.state != AlertState.INACTIVE) {
                entry.keepFiringSince = null;
            }
            if (entry.state == AlertState.PENDING
                    && Duration.between(entry.activeAt, now).compareTo(rule.forDuration()) >= 0) {
                entry.state = AlertState.FIRING;
                entry.firedAt = now;
            }
        }
        drop.forEach(active::remove);
        return alerts();
    }

    /** The current alerts, sorted by labels for stable output. */
    public List<Alert> alerts() {
        List<Alert> out = new ArrayList<>(active.size());
        for (Entry entry : active.values()) {
            out.add(entry.snapshot(rule.name()));
        }
        out.sort(Comparator.comparing(a -> a.labels().toString()));
        return out;
    }

    /**
     * Puts back alerts saved before a restart (pending and firing keep their {@code activeAt}), so a restart neither
     * re-waits {@code for} nor re-notifies; like Prometheus's restore from {@code ALERTS_FOR_STATE}.
     */
    public void restore(List<Alert> saved) {
        for (Alert alert : saved) {
            Entry entry = new Entry();
            entry.labels = new TreeMap<>(alert.labels());
            entry.annotations = new TreeMap<>(alert.annotations());
            entry.state = alert.state();
            entry.activeAt = alert.activeAt();
            entry.firedAt = alert.firedAt();
            entry.resolvedAt = alert.resolvedAt();
            entry.keepFiringSince = alert.keepFiringSince();
            entry.value = alert.value();
            active.put(entry.labels, entry);
        }
    }

    /** Two series of one result gave the same alert labels (usually a rule label overwrote the distinguishing one). */
    public static final class DuplicateLabelSetException extends RuntimeException {
        public DuplicateLabelSetException(String rule, Map<String, String> labels) {
            super("vector contains metrics with the same labelset after applying alert labels: " + labels + " (rule "
                    + rule + ")");
        }
    }
}
