package io.perfsuite.monitor.notification;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Alertmanager's inhibit rule: a firing source alert mutes target alerts that carry the same values for the
 * {@code equal} labels (a label missing on both counts as equal). An alert never inhibits itself.
 */
public record InhibitRule(List<LabelMatcher> source, List<LabelMatcher> target, List<String> equal) {

    public InhibitRule {
        source = List.copyOf(source);
        target = List.copyOf(target);
        equal = List.copyOf(equal);
    }

    /** The suite's default: a critical alert mutes warnings on the same {@code equal} labels. */
    public static InhibitRule criticalMutesWarning(List<String> equal) {
        return new InhibitRule(List.of(LabelMatcher.equal("severity", "critical")),
                List.of(LabelMatcher.equal("severity", "warning")), equal);
    }

    public boolean inhibits(NotifiableAlert target, Collection<NotifiableAlert> firing) {
        if (!LabelMatcher.all(this.target, target.labels())) {
            return false;
        }
        for (NotifiableAlert candidate : firing) {
            if (candidate.isResolved() || candidate.fingerprint().equals(target.fingerprint())
                    || !LabelMatcher.all(source, candidate.labels())) {
                continue;
            }
            if (sameEqualLabels(candidate.labels(), target.labels())) {
                return true;
            }
        }
        return false;
    }

    private boolean sameEqualLabels(Map<String, String> a, Map<String, String> b) {
        for (String name : equal) {
            if (!Objects.equals(a.getOrDefault(name, ""), b.getOrDefault(name, ""))) {
                return false;
            }
        }
        return true;
    }
}
