package io.perfsuite.monitor.alerting;

import java.time.Duration;
import java.util.List;

/**
 * A rule group: its rules are evaluated in order at the same evaluation time, every {@code interval}.
 *
 * @param file the file it came from; a group is identified by file and name, as in Prometheus
 * @param recordingRules recording rules found in the group: kept for {@code GET /v1/rules}, evaluated by Prometheus
 */
public record RuleGroup(String file, String name, Duration interval, List<AlertRule> rules, List<String> recordingRules) {

    public RuleGroup {
        rules = List.copyOf(rules);
        recordingRules = List.copyOf(recordingRules);
    }

    public String key() {
        return file + ";" + name;
    }
}
