package io.perfsuite.monitor.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AlertTemplateTest {

    @Test
    void shouldRenderLabelsAndValueLikeGoTemplates() {
        AlertTemplate template = AlertTemplate
                .parse("{{ $labels.job }}/{{ .Labels.instance }} = {{ $value }}{{ $labels.none }}");

        assertThat(template.render(Map.of("job", "api", "instance", "i1"), 0.25)).isEqualTo("api/i1 = 0.25");
    }

    @ParameterizedTest
    @CsvSource({"12, 12", "0.1, 0.1", "123456, 123456", "1000000, 1e+06", "1234567, 1.234567e+06", "0.00001, 1e-05",
            "-3.5, -3.5"})
    void shouldPrintValuesAsGoFmtDoes(double value, String expected) {
        assertThat(AlertTemplate.goFloat(value)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"1234567, 1.235M", "0.005, 5m", "999, 999", "1500, 1.5k"})
    void shouldHumanizeWithSiPrefixes(double value, String expected) {
        assertThat(AlertTemplate.humanize(value)).isEqualTo(expected);
    }

    @Test
    void shouldRenderLikePromtoolForLargeAndSmallValues(@TempDir Path dir) throws IOException {
        String annotations = "{v: \"{{ $value }}\", h: \"{{ $value | humanize }}\", p: \"{{ $value | humanizePercentage }}\","
                + " f: '{{ printf \"%.2f\" $value }}'}";
        Files.writeString(dir.resolve("r.yml"), "groups:\n- name: g\n  rules:\n  - alert: V\n    expr: m > 0\n    annotations: "
                + annotations + "\n");
        double[] values = {1234567, 0.00001, 0.256, 42};
        StringBuilder test = new StringBuilder("rule_files: [r.yml]\ntests:\n- interval: 1m\n  input_series:\n");
        for (int i = 0; i < values.length; i++) {
            test.append("  - series: 'm{i=\"").append(i).append("\"}'\n    values: '").append(values[i]).append("'\n");
        }
        test.append("  alert_rule_test:\n  - eval_time: 0m\n    alertname: V\n    exp_alerts:\n");
        Map<String, AlertTemplate> templates = Map.of("v", AlertTemplate.parse("{{ $value }}"), "h",
                AlertTemplate.parse("{{ $value | humanize }}"), "p", AlertTemplate.parse("{{ $value | humanizePercentage }}"),
                "f", AlertTemplate.parse("{{ printf \"%.2f\" $value }}"));
        for (int i = 0; i < values.length; i++) {
            double value = values[i];
            test.append("    - exp_labels: {i: \"").append(i).append("\"}\n      exp_annotations: {");
            templates.forEach((k, t) -> test.append(k).append(": \"").append(t.render(Map.of(), value)).append("\", "));
            test.append("}\n");
        }
        Files.writeString(dir.resolve("t.yml"), test);

        Promtool.Result result = Promtool.run(dir, "test", "rules", "t.yml");

        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void shouldRejectUnsupportedActions() {
        assertThatThrownBy(() -> AlertTemplate.parse("{{ range $labels }}x{{ end }}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unsupported template action");
    }
}
