package io.perfsuite.monitor.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state machine against Prometheus itself: each scenario's rule file and input series go to
 * {@code promtool test rules}, with the alerts our {@link AlertStateMachine} predicts at every evaluation written as
 * the expected values (firing alerts with labels and annotations, {@code ALERTS} with pending and firing, and
 * {@code ALERTS_FOR_STATE} with the active-at time). promtool passes only if Prometheus's own rule engine agrees at
 * every step.
 */
class AlertStateMachinePromtoolTest {

    private static final Pattern SIMPLE_EXPR = Pattern.compile("^([a-z_]+) ([<>]) ([0-9.]+)$");
    private static final Duration LOOKBACK = Duration.ofMinutes(5);

    @TempDir
    Path dir;

    /** One input series: labels (with {@code __name__}) and promtool values, one per minute: a number, _ or stale. */
    record Series(Map<String, String> labels, List<String> values) {
    }

    @Test
    void shouldMatchPromtoolForPendingFiringKeepFiringAndReappearingLabelSets() throws IOException {
        String rules = """
                groups:
                  - name: scenario
                    interval: 1m
                    rules:
                      - alert: HighLatency
                        expr: latency_seconds > 5
                        for: 2m
                        keep_firing_for: 2m
                        labels:
                          severity: warning
                        annotations:
                          summary: "{{ $labels.instance }} latency is {{ $value }}"
                      - alert: Instant
                        expr: latency_seconds > 8
                        labels:
                          severity: critical
                      - alert: LowHits
                        expr: hit_ratio < 0.5
                        for: 3m
                        labels:
                          severity: "page-{{ $labels.instance }}"
                        annotations:
                          description: "ratio {{ $value }} on {{ $labels.job }}"
                """;
        List<Series> series = List.of(
                series("latency_seconds", "a", "1 7 7 7 7 9 1 7 1 1 1 1 7 7 7 7 stale"),
                series("latency_seconds", "b", "_ _ 9 9 9 9 _ _ _ _ _ _ 9 stale 9 9 9"),
                series("latency_seconds", "c", "7 7 1 7 7 1 7 7 7 7 7 stale"),
                series("hit_ratio", "a", "0.9 0.4 0.4 0.4 0.4 0.4 0.9 0.4 0.4 0.4 0.4 0.4 0.4 0.4 0.4 0.4 0.4"),
                series("hit_ratio", "b", "0.1 0.1 0.1 stale 0.1 0.1 0.1 0.1 0.1 0.1 0.1 0.1 0.1 0.1 0.1 0.1"));

        assertPromtoolAgrees(rules, series, 17);
    }

    @Test
    void shouldMatchPromtoolOnSeededRandomFlappingSeries() throws IOException {
        Random random = new Random(15);
        StringBuilder rules = new StringBuilder("groups:\n  - name: random\n    interval: 1m\n    rules:\n");
        for (int r = 0; r < 6; r++) {
            rules.append("      - alert: Rule").append(r).append('\n')
                    .append("        expr: value_total > ").append(3 + r % 3).append('\n')
                    .append("        for: ").append(random.nextInt(5)).append("m\n")
                    .append("        keep_firing_for: ").append(random.nextInt(4)).append("m\n")
                    .append("        labels:\n          rule: r").append(r).append('\n');
        }
        String[] choices = {"1", "9", "9", "_", "stale", "4", "6"};
        List<Series> series = new ArrayList<>();
        for (int s = 0; s < 8; s++) {
            List<String> values = new ArrayList<>();
            for (int t = 0; t < 40; t++) {
                values.add(choices[random.nextInt(choices.length)]);
            }
            series.add(new Series(labels("value_total", "i" + s), values));
        }

        assertPromtoolAgrees(rules.toString(), series, 40);
    }

    private void assertPromtoolAgrees(String rulesYaml, List<Series> series, int minutes) throws IOException {
        Files.writeString(dir.resolve("rules.yml"), rulesYaml);
        List<RuleGroup> groups = new RuleFileParser(Duration.ofMinutes(1)).parse("rules.yml", rulesYaml);
        List<AlertStateMachine> machines = groups.get(0).rules().stream().map(AlertStateMachine::new).toList();

        StringBuilder test = new StringBuilder("rule_files: [rules.yml]\nevaluation_interval: 1m\ntests:\n  - interval: 1m\n")
                .append("    input_series:\n");
        for (Series s : series) {
            test.append("      - series: '").append(seriesSelector(s.labels())).append("'\n")
                    .append("        values: '").append(String.join(" ", s.values())).append("'\n");
        }
        StringBuilder alertTests = new StringBuilder("    alert_rule_test:\n");
        StringBuilder exprTests = new StringBuilder("    promql_expr_test:\n");
        Instant epoch = Instant.EPOCH;
        int firingSeen = 0;
        int pendingSeen = 0;
        for (int minute = 0; minute < minutes; minute++) {
            Instant now = epoch.plus(Duration.ofMinutes(minute));
            List<Alert> all = new ArrayList<>();
            for (AlertStateMachine machine : machines) {
                List<Alert> alerts = machine.evaluate(now, evaluate(machine.rule().expr(), series, minute));
                all.addAll(alerts);
                alertTests.append("      - eval_time: ").append(minute).append("m\n")
                        .append("        alertname: ").append(machine.rule().name()).append('\n')
                        .append("        exp_alerts:\n");
                for (Alert alert : alerts) {
                    if (alert.state() == AlertState.FIRING) {
                        firingSeen++;
                        Map<String, String> labels = new TreeMap<>(alert.labels());
                        labels.remove("alertname");
                        alertTests.append("          - exp_labels: ").append(flowMap(labels)).append('\n')
                                .append("            exp_annotations: ").append(flowMap(alert.annotations())).append('\n');
                    }
                }
                if (alerts.stream().noneMatch(a -> a.state() == AlertState.FIRING)) {
                    alertTests.setLength(alertTests.length() - "        exp_alerts:\n".length());
                    alertTests.append("        exp_alerts: []\n");
                }
            }
            List<Alert> active = all.stream().filter(a -> a.state() != AlertState.INACTIVE).toList();
            pendingSeen += (int) active.stream().filter(a -> a.state() == AlertState.PENDING).count();
            exprTests.append("      - expr: ALERTS\n        eval_time: ").append(minute).append("m\n");
            appendSamples(exprTests, active.stream().collect(Collectors.toMap(
                    a -> "ALERTS" + withState(a), a -> "1", (x, y) -> x, LinkedHashMap::new)));
            exprTests.append("      - expr: ALERTS_FOR_STATE\n        eval_time: ").append(minute).append("m\n");
            appendSamples(exprTests, active.stream().collect(Collectors.toMap(
                    a -> "ALERTS_FOR_STATE" + seriesSelector(a.labels()), a -> Long.toString(a.activeAt().getEpochSecond()),
                    (x, y) -> x, LinkedHashMap::new)));
        }
        test.append(alertTests).append(exprTests);
        Files.writeString(dir.resolve("test.yml"), test);

        Promtool.Result result = Promtool.run(dir, "test", "rules", "test.yml");

        assertThat(firingSeen).as("the scenario exercises firing alerts").isGreaterThan(0);
        assertThat(pendingSeen).as("the scenario exercises pending alerts").isGreaterThan(0);
        assertThat(result.exitCode()).as("promtool disagrees with AlertStateMachine:\n%s", result.output()).isZero();
    }

    private static void appendSamples(StringBuilder out, Map<String, String> samples) {
        if (samples.isEmpty()) {
            out.append("        exp_samples: []\n");
            return;
        }
        out.append("        exp_samples:\n");
        samples.forEach((labels, value) -> out.append("          - labels: '").append(labels).append("'\n")
                .append("            value: ").append(value).append('\n'));
    }

    private static String withState(Alert alert) {
        Map<String, String> labels = new TreeMap<>(alert.labels());
        labels.put("alertstate", alert.state().wireName());
        return seriesSelector(labels);
    }

    /**
     * The instant-vector value of {@code name > n} / {@code name < n} at a minute, as PromQL computes it: the newest
     * sample within the 5-minute lookback, nothing after a staleness marker.
     */
    private static List<Sample> evaluate(String expr, List<Series> series, int minute) {
        Matcher m = SIMPLE_EXPR.matcher(expr);
        assertThat(m.matches()).as("test expressions are `metric op number`: %s", expr).isTrue();
        double threshold = Double.parseDouble(m.group(3));
        List<Sample> out = new ArrayList<>();
        for (Series s : series) {
            if (!s.labels().get("__name__").equals(m.group(1))) {
                continue;
            }
            for (int i = minute; i >= 0 && i > minute - LOOKBACK.toMinutes() - 1; i--) {
                if (i >= s.values().size() || s.values().get(i).equals("_")) {
                    continue;
                }
                if (s.values().get(i).equals("stale") || minute - i > LOOKBACK.toMinutes()) {
                    break;
                }
                double value = Double.parseDouble(s.values().get(i));
                if (m.group(2).equals(">") ? value > threshold : value < threshold) {
                    out.add(new Sample(s.labels(), value));
                }
                break;
            }
        }
        return out;
    }

    private static Series series(String name, String instance, String values) {
        return new Series(labels(name, instance), List.of(values.split(" ")));
    }

    private static Map<String, String> labels(String name, String instance) {
        Map<String, String> labels = new TreeMap<>();
        labels.put("__name__", name);
        labels.put("instance", instance);
        labels.put("job", "suite");
        return labels;
    }

    private static String seriesSelector(Map<String, String> labels) {
        String name = labels.getOrDefault("__name__", "");
        return name + labels.entrySet().stream().filter(e -> !e.getKey().equals("__name__"))
                .map(e -> e.getKey() + "=\"" + e.getValue() + "\"").collect(Collectors.joining(",", "{", "}"));
    }

    private static String flowMap(Map<String, String> map) {
        return map.entrySet().stream().map(e -> e.getKey() + ": \"" + e.getValue().replace("\"", "\\\"") + "\"")
                .collect(Collectors.joining(", ", "{", "}"));
    }
}
