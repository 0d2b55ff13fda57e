package io.perfsuite.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Probe;

/**
 * Each service's quarkus-kubernetes manifest (target/kubernetes/kubernetes.yml) is the service's own statement of its
 * ports, probes and environment; the chart must say the same, so a renamed port, probe path or variable cannot drift.
 */
class GeneratedManifestAgreementTest {

    /** Variables the chart sets on every service for its own reasons (sizing, tracing, keys). */
    static final Set<String> CHART_WIDE = Set.of("QUARKUS_HTTP_PORT", "QUARKUS_MANAGEMENT_PORT",
            "QUARKUS_VERTX_EVENT_LOOPS_POOL_SIZE", "QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT",
            "QUARKUS_OTEL_EXPORTER_OTLP_PROTOCOL", "QUARKUS_OTEL_SDK_DISABLED");

    static final Manifests CHART = HelmChart.withDefaults().render();

    static Iterable<String> services() {
        return Manifests.SERVICES;
    }

    @ParameterizedTest
    @MethodSource("services")
    void shouldDeclareThePortsTheServiceListensOn(String service) {
        assertThat(Manifests.ports(chart(service))).isEqualTo(Manifests.ports(generated(service)));
    }

    @ParameterizedTest
    @MethodSource("services")
    void shouldProbeThePathsAndPortsQuarkusServesHealthOn(String service) {
        assertSameProbe(service, Container::getStartupProbe);
        assertSameProbe(service, Container::getLivenessProbe);
        assertSameProbe(service, Container::getReadinessProbe);
    }

    @ParameterizedTest
    @MethodSource("services")
    void shouldSetEveryVariableTheServiceManifestNames(String service) {
        assertThat(Manifests.env(chart(service)).keySet()).containsAll(Manifests.env(generated(service)).keySet());
    }

    @ParameterizedTest
    @MethodSource("services")
    void shouldSetNoServiceVariableTheServiceManifestDoesNotName(String service) {
        Set<String> serviceSpecific = Manifests.env(chart(service)).keySet().stream()
                .filter(name -> !CHART_WIDE.contains(name) && !name.startsWith("PERFSUITE_API_KEY_"))
                .collect(Collectors.toSet());

        assertThat(Manifests.env(generated(service)).keySet()).containsAll(serviceSpecific);
    }

    private static void assertSameProbe(String service, Function<Container, Probe> probe) {
        Container chart = chart(service);
        Container generated = generated(service);

        assertThat(probe.apply(chart).getHttpGet().getPath()).isEqualTo(probe.apply(generated).getHttpGet().getPath());
        assertThat(Manifests.probePort(chart, probe.apply(chart)))
                .isEqualTo(Manifests.probePort(generated, probe.apply(generated)));
    }

    private static Container chart(String service) {
        return CHART.container(service);
    }

    private static Container generated(String service) {
        return Manifests.read(Repository.generatedManifest(service)).container(service);
    }
}
