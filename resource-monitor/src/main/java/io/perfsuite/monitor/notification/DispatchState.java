package io.perfsuite.monitor.notification;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * What the dispatcher remembers between calls, and what must survive a restart so nothing is re-sent: per group,
 * the route it belongs to, the alerts last seen, when it flushes next, and per receiver what it was last told
 * (Alertmanager's notification log).
 */
public record DispatchState(Map<String, Group> groups) {

    public DispatchState {
        groups = Map.copyOf(groups);
    }

    public static DispatchState empty() {
        return new DispatchState(Map.of());
    }

    /** @param route the key of its {@link NotificationRoute}; state stored before routes existed has none: the default */
    public record Group(String route, Map<String, String> groupLabels, Instant nextFlushAt,
            Map<String, NotifiableAlert> alerts, Map<String, SentLog> sent) {

        public Group {
            route = route == null ? NotificationRoutes.DEFAULT_KEY : route;
            groupLabels = Map.copyOf(groupLabels);
            alerts = Map.copyOf(alerts);
            sent = Map.copyOf(sent);
        }
    }

    /** The fingerprints of the firing and resolved alerts a receiver was last notified of, and when. */
    public record SentLog(Instant at, Set<String> firing, Set<String> resolved) {

        public SentLog {
            firing = Set.copyOf(firing);
            resolved = Set.copyOf(resolved);
        }
    }
}
