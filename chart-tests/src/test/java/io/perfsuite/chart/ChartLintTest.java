package io.perfsuite.chart;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.marcnuri.helm.LintResult;

class ChartLintTest {

    @Test
    void shouldPassStrictLint() {
        LintResult result = HelmChart.lint();

        assertThat(result.isFailed()).as("%s", result.getMessages()).isFalse();
        assertThat(result.getMessages()).noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
    }

    @Test
    void shouldRenderEveryServiceWithDefaultValues() {
        Manifests rendered = HelmChart.withDefaults().render();

        assertThat(rendered.names()).contains("Deployment/perfsuite-load-balancer", "Deployment/perfsuite-cache-service",
                "Deployment/perfsuite-query-router", "Deployment/perfsuite-autoscaler",
                "Deployment/perfsuite-resource-monitor");
    }
}
