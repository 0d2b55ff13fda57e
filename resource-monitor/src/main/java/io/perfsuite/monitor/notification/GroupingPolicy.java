package io.perfsuite.monitor.notification;

import java.time.Duration;
import java.util.List;

/**
 * Alertmanager's route timing: alerts with equal {@code groupBy} label values form one group; its first notice waits
 * {@code groupWait} (to collect the burst), later changes go out at most every {@code groupInterval}, and an unchanged
 * firing group is re-sent after {@code repeatInterval}. {@code groupBy = ["..."]} groups by every label.
 */
public record GroupingPolicy(List<String> groupBy, Duration groupWait, Duration groupInterval, Duration repeatInterval) {

    public GroupingPolicy {
        groupBy = List.copyOf(groupBy);
    }

    public boolean groupsByAll() {
        return groupBy.contains("...");
    }
}
