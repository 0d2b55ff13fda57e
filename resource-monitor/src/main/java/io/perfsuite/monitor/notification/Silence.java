package io.perfsuite.monitor.notification;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** An Alertmanager-style silence: alerts matching every matcher are not notified between startsAt and endsAt. */
public record Silence(String id, List<LabelMatcher> matchers, Instant startsAt, Instant endsAt, String createdBy,
        String comment) {

    public Silence {
        matchers = List.copyOf(matchers);
    }

    public boolean isActive(Instant now) {
        return !now.isBefore(startsAt) && now.isBefore(endsAt);
    }

    public boolean mutes(Map<String, String> labels, Instant now) {
        return isActive(now) && LabelMatcher.all(matchers, labels);
    }

    /** {@code pending}, {@code active} or {@code expired}, Alertmanager's silence states. */
    public String state(Instant now) {
        if (now.isBefore(startsAt)) {
            return "pending";
        }
        return now.isBefore(endsAt) ? "active" : "expired";
    }
}
