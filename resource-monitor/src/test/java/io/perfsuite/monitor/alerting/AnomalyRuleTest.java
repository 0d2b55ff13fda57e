package io.perfsuite.monitor.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class AnomalyRuleTest {

    private final RuleFileParser parser = new RuleFileParser(Duration.ofSeconds(30));

    @Test
    void shouldReadAnomalyRuleWithQueryDetectorAndSensitivity() {
        AlertRule rule = parser.parse("a.yml", """
                groups:
                  - name: anomalies
                    rules:
                      - alert: LatencyUnusual
                        anomaly:
                          query: sum by (job) (rate(http_server_requests_seconds_sum[1m]))
                          sensitivity: 0.8
                        for: 2m
                        labels: {severity: warning}
                        annotations: {summary: "{{ $labels.job }} latency left its normal band (score {{ $value }})"}
                """).get(0).rules().get(0);

        assertThat(rule.anomaly()).isEqualTo(new AnomalyCondition(
                "sum by (job) (rate(http_server_requests_seconds_sum[1m]))", "context", 0.8));
        assertThat(rule.expr()).isEqualTo(rule.anomaly().query());
        assertThat(rule.forDuration()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void shouldRejectSensitivityOutsideZeroToOneWithItsLine() {
        assertThatThrownBy(() -> parser.parse("a.yml", """
                groups:
                  - name: anomalies
                    rules:
                      - alert: X
                        anomaly:
                          query: up
                          sensitivity: 2
                """)).isInstanceOfSatisfying(RuleFileException.class, e -> {
            assertThat(e.line()).isEqualTo(7);
            assertThat(e.reason()).contains("anomaly.sensitivity must be a number from 0 to 1");
        });
    }

    @Test
    void shouldRejectUnknownDetectorAndExprBesideAnomaly() {
        assertThatThrownBy(() -> parser.parse("a.yml", """
                groups:
                  - name: anomalies
                    rules:
                      - alert: X
                        anomaly: {query: up, detector: crystal-ball}
                """)).isInstanceOf(RuleFileException.class).hasMessageContaining("anomaly.detector must be one of");
        assertThatThrownBy(() -> parser.parse("a.yml", """
                groups:
                  - name: anomalies
                    rules:
                      - alert: X
                        expr: up > 1
                        anomaly: {query: up}
                """)).isInstanceOf(RuleFileException.class).hasMessageContaining("set either 'expr' or 'anomaly'");
    }

    @Test
    void shouldFireOnlyForSeriesWhoseScoreCrossesTheThresholdWithTheScoreAsValue() {
        AnomalyCondition condition = new AnomalyCondition("q", "context", 0.5);
        Map<String, Double> scores = Map.of("a", 0.9, "b", 0.1);
        List<Sample> samples = List.of(new Sample(Map.of("job", "a"), 120), new Sample(Map.of("job", "b"), 80));

        List<Sample> anomalous = condition.anomalous(samples, s -> scores.get(s.labels().get("job")),
                (score, sensitivity) -> score >= sensitivity);

        assertThat(anomalous).containsExactly(new Sample(Map.of("job", "a"), 0.9));
        AlertRule rule = new AlertRule("Unusual", "q", Duration.ZERO, Duration.ZERO, Map.of(),
                Map.of("summary", "score {{ $value }}"), "a.yml:1", condition);
        assertThat(new AlertStateMachine(rule).evaluate(Instant.EPOCH, anomalous)).singleElement()
                .satisfies(a -> assertThat(a.annotations()).containsEntry("summary", "score 0.9"));
    }
}
