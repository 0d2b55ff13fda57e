package io.perfsuite.monitor.notification;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One notice to one receiver about one group: what a receiver's formatter turns into an HTTP request.
 *
 * @param id the same for the same receiver, group, time and alerts, so a notice enqueued twice is stored once
 */
public record GroupNotification(String id, String receiver, String groupKey, Map<String, String> groupLabels,
        List<NotifiableAlert> alerts, Instant at) {

    public GroupNotification {
        groupLabels = Map.copyOf(groupLabels);
        alerts = List.copyOf(alerts);
    }

    public boolean isFiring() {
        return alerts.stream().anyMatch(a -> !a.isResolved());
    }
}
