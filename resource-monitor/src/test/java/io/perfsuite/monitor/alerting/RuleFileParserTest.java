package io.perfsuite.monitor.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuleFileParserTest {

    private final RuleFileParser parser = new RuleFileParser(Duration.ofSeconds(15));

    @TempDir
    Path dir;

    @Test
    void shouldReadGroupsRulesDurationsLabelsAndAnnotations() {
        List<RuleGroup> groups = parser.parse("a.yml", """
                groups:
                  - name: g1
                    interval: 1m30s
                    rules:
                      - record: job:up:sum
                        expr: sum by (job) (up)
                      - alert: Down
                        expr: up == 0
                        for: 5m
                        keep_firing_for: 10m
                        labels: {severity: critical}
                        annotations: {summary: "{{ $labels.job }} down"}
                  - name: g2
                    rules: []
                """);

        assertThat(groups).hasSize(2);
        assertThat(groups.get(0).interval()).isEqualTo(Duration.ofSeconds(90));
        assertThat(groups.get(1).interval()).as("default interval").isEqualTo(Duration.ofSeconds(15));
        assertThat(groups.get(0).recordingRules()).containsExactly("job:up:sum");
        AlertRule rule = groups.get(0).rules().get(0);
        assertThat(rule.name()).isEqualTo("Down");
        assertThat(rule.forDuration()).isEqualTo(Duration.ofMinutes(5));
        assertThat(rule.keepFiringFor()).isEqualTo(Duration.ofMinutes(10));
        assertThat(rule.labels()).containsEntry("severity", "critical");
        assertThat(rule.source()).isEqualTo("a.yml:7");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            missing expr             | groups:\\n  - name: g\\n    rules:\\n      - alert: A\\n        for: 1m\\n             | 4 | field 'expr' must be set
            bad for duration         | groups:\\n  - name: g\\n    rules:\\n      - alert: A\\n        expr: up\\n        for: 5 minutes\\n | 6 | not a valid duration
            unknown field            | groups:\\n  - name: g\\n    rules:\\n      - alert: A\\n        expr: up\\n        fro: 5m\\n       | 6 | field fro not found
            alert and record         | groups:\\n  - name: g\\n    rules:\\n      - alert: A\\n        record: b\\n        expr: up\\n    | 4 | only one of 'record' and 'alert'
            repeated group           | groups:\\n  - name: g\\n    rules: []\\n  - name: g\\n    rules: []\\n                        | 4 | is repeated in the same file
            invalid label name       | groups:\\n  - name: g\\n    rules:\\n      - alert: A\\n        expr: up\\n        labels: {1x: y}\\n | 6 | invalid labels name: 1x
            unbalanced expression    | groups:\\n  - name: g\\n    rules:\\n      - alert: A\\n        expr: sum(rate(up[5m])\\n      | 5 | could not parse expression
            broken YAML              | groups:\\n  - name: g\\n    rules:\\n      - alert: A\\n       expr: up\\n                    | 5 | invalid YAML
            unclosed template        | groups:\\n  - name: g\\n    rules:\\n      - alert: A\\n        expr: up\\n        annotations: {s: '{{ $value'}\\n | 6 | unclosed action
            for in recording rule    | groups:\\n  - name: g\\n    rules:\\n      - record: a\\n        expr: up\\n        for: 1m\\n     | 4 | invalid field 'for' in recording rule
            """)
    void shouldRejectWhatPromtoolRejectsWithFileLineAndReason(String name, String escaped, int line, String reason)
            throws IOException {
        String yaml = escaped.replace("\\n", "\n");
        Files.writeString(dir.resolve("bad.yml"), yaml);

        assertThat(Promtool.run(dir, "check", "rules", "bad.yml").exitCode()).as("promtool also rejects it").isNotZero();
        assertThatThrownBy(() -> parser.parse("bad.yml", yaml))
                .isInstanceOfSatisfying(RuleFileException.class, e -> {
                    assertThat(e.file()).isEqualTo("bad.yml");
                    assertThat(e.line()).isEqualTo(line);
                    assertThat(e.reason()).contains(reason);
                });
    }

    @Test
    void shouldShipDefaultRulesThatPromtoolAccepts() throws IOException {
        Path file = dir.resolve("perfsuite-default-rules.yml");
        String text = defaultRules();
        Files.writeString(file, text);

        Promtool.Result result = Promtool.run(dir, "check", "rules", file.toString());

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS: 11 rules found");
        List<RuleGroup> groups = parser.parse("perfsuite-default-rules.yml", text);
        assertThat(groups.stream().flatMap(g -> g.rules().stream()).map(AlertRule::name)).containsExactlyInAnyOrder(
                "HostCpuHigh", "HostCpuSaturated", "HostMemoryHigh", "ServiceErrorRateHigh", "ServiceLatencyP99High",
                "BackendLatencyP99High", "QueryLatencyP99High",
                "CacheReadLatencyP99High", "DatabasePoolSaturated", "CacheHitRatioLow", "ReplicaLagOverBound");
    }

    @Test
    void shouldFireDefaultRulesAtTheirThresholdsUnderPromtool() throws IOException {
        Files.writeString(dir.resolve("perfsuite-default-rules.yml"), defaultRules());
        Files.writeString(dir.resolve("test.yml"), """
                rule_files: [perfsuite-default-rules.yml]
                evaluation_interval: 30s
                tests:
                  - interval: 30s
                    input_series:
                      - series: 'host_memory_total_bytes{instance="h1"}'
                        values: '1000x30'
                      - series: 'host_memory_available_bytes{instance="h1"}'
                        values: '100x30'
                      - series: 'router_replica_lag_seconds{job="query-router",instance="r1",node="replica-1"}'
                        values: '1 1 7x20'
                      - series: 'router_pool_in_use{job="query-router",instance="r1",node="primary"}'
                        values: '15x10'
                      # per 30 s, 100 answers: 90 under 0.5 s, all under 2 s, so p99 is 1.9 s; query-router's all under 0.5 s
                      - series: 'http_server_requests_seconds_bucket{job="cache-service",instance="c1",uri="/a",le="0.5"}'
                        values: '0+90x30'
                      - series: 'http_server_requests_seconds_bucket{job="cache-service",instance="c1",uri="/a",le="1.0"}'
                        values: '0+90x30'
                      - series: 'http_server_requests_seconds_bucket{job="cache-service",instance="c1",uri="/a",le="2.0"}'
                        values: '0+100x30'
                      - series: 'http_server_requests_seconds_bucket{job="cache-service",instance="c1",uri="/a",le="+Inf"}'
                        values: '0+100x30'
                      - series: 'http_server_requests_seconds_bucket{job="query-router",instance="q1",uri="/b",le="0.5"}'
                        values: '0+100x30'
                      - series: 'http_server_requests_seconds_bucket{job="query-router",instance="q1",uri="/b",le="+Inf"}'
                        values: '0+100x30'
                      - series: 'lb_backend_latency_seconds_bucket{job="load-balancer",pool="api",backend="b1",le="1.0"}'
                        values: '0+90x30'
                      - series: 'lb_backend_latency_seconds_bucket{job="load-balancer",pool="api",backend="b1",le="2.0"}'
                        values: '0+100x30'
                      - series: 'lb_backend_latency_seconds_bucket{job="load-balancer",pool="api",backend="b1",le="+Inf"}'
                        values: '0+100x30'
                    alert_rule_test:
                      - eval_time: 4m
                        alertname: HostMemoryHigh
                        exp_alerts: []
                      - eval_time: 6m
                        alertname: HostMemoryHigh
                        exp_alerts:
                          - exp_labels: {severity: warning, instance: h1}
                            exp_annotations:
                              summary: "Memory of h1 is 90% used"
                              description: "Over 85 % for 5 minutes."
                      - eval_time: 4m
                        alertname: ServiceLatencyP99High
                        exp_alerts: []
                      - eval_time: 6m
                        alertname: ServiceLatencyP99High
                        exp_alerts:
                          - exp_labels: {severity: warning, job: cache-service}
                            exp_annotations:
                              summary: "cache-service p99 HTTP latency is 1.90 s"
                              description: "p99 of the service's HTTP answers over 1 s for 5 minutes, aggregated over replicas."
                      - eval_time: 6m
                        alertname: BackendLatencyP99High
                        exp_alerts:
                          - exp_labels: {severity: warning, job: load-balancer, pool: api}
                            exp_annotations:
                              summary: "load-balancer pool api p99 backend latency is 1.90 s"
                              description: "p99 time to the backends' response heads over 1 s for 5 minutes."
                      - eval_time: 3m
                        alertname: ReplicaLagOverBound
                        exp_alerts:
                          - exp_labels: {severity: warning, job: query-router, instance: r1, node: replica-1}
                            exp_annotations:
                              summary: "Replica replica-1 lags 7 s behind the primary"
                              description: "Over the router's 5 s bound: reads avoid this replica."
                      - eval_time: 2m
                        alertname: DatabasePoolSaturated
                        exp_alerts:
                          - exp_labels: {severity: critical, job: query-router, instance: r1, node: primary}
                            exp_annotations:
                              summary: "Pool of primary on r1 is 93.75% in use"
                              description: "Over 90 % of the connections are busy."
                """);

        Promtool.Result result = Promtool.run(dir, "test", "rules", "test.yml");

        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    static String defaultRules() throws IOException {
        try (InputStream in = RuleFileParserTest.class.getResourceAsStream("/rules/perfsuite-default-rules.yml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
