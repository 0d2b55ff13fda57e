package io.perfsuite.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/** Every container the chart runs, with defaults and with every optional part on, meets the same bar. */
class WorkloadHardeningTest {

    static Stream<Arguments> renderings() {
        return Stream.of(Arguments.of("defaults", HelmChart.withDefaults().render()),
                Arguments.of("everything on", HelmChart.withDefaults().set("jaeger.enabled", true)
                        .set("cacheService.hpa.enabled", true).set("queryRouter.hpa.enabled", true)
                        .set("loadBalancer.hpa.enabled", true).set("monitoring.serviceMonitor.enabled", true)
                        .set("grafana.dashboard.enabled", true).set("cacheService.managementPort", 9081).render()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void shouldProbeStartupLivenessAndReadinessOnQuarkusHealth(String name, Manifests rendered) {
        for (Container c : containers(rendered)) {
            if (c.getName().equals("jaeger")) {
                assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/status");
                continue;
            }
            assertThat(c.getStartupProbe().getHttpGet().getPath()).as(c.getName()).isEqualTo("/q/health/started");
            assertThat(c.getLivenessProbe().getHttpGet().getPath()).as(c.getName()).isEqualTo("/q/health/live");
            assertThat(c.getReadinessProbe().getHttpGet().getPath()).as(c.getName()).isEqualTo("/q/health/ready");
            // every probe names a port the container declares
            Manifests.probePort(c, c.getStartupProbe());
            Manifests.probePort(c, c.getLivenessProbe());
            Manifests.probePort(c, c.getReadinessProbe());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void shouldRequestAndLimitCpuAndMemory(String name, Manifests rendered) {
        for (Container c : containers(rendered)) {
            assertThat(c.getResources().getRequests()).as(c.getName()).containsKeys("cpu", "memory");
            assertThat(c.getResources().getLimits()).as(c.getName()).containsKeys("cpu", "memory");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void shouldMeetTheRestrictedPodSecurityStandard(String name, Manifests rendered) {
        for (Deployment d : rendered.all(Deployment.class)) {
            PodSpec pod = d.getSpec().getTemplate().getSpec();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
            assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
            for (Container c : pod.getContainers()) {
                SecurityContext sc = c.getSecurityContext();
                assertThat(sc.getRunAsNonRoot()).as(c.getName()).isTrue();
                assertThat(sc.getRunAsUser()).as(c.getName()).isPositive();
                assertThat(sc.getReadOnlyRootFilesystem()).as(c.getName()).isTrue();
                assertThat(sc.getAllowPrivilegeEscalation()).as(c.getName()).isFalse();
                assertThat(sc.getCapabilities().getDrop()).as(c.getName()).containsExactly("ALL");
                assertThat(sc.getCapabilities().getAdd()).as(c.getName()).isNullOrEmpty();
                assertThat(sc.getPrivileged()).as(c.getName()).isNotEqualTo(Boolean.TRUE);
                assertThat(sc.getSeccompProfile().getType()).as(c.getName()).isEqualTo("RuntimeDefault");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void shouldGiveAReadOnlyRootAWritableTmp(String name, Manifests rendered) {
        for (Deployment d : rendered.all(Deployment.class)) {
            PodSpec pod = d.getSpec().getTemplate().getSpec();
            Volume tmp = pod.getVolumes().stream().filter(v -> v.getName().equals("tmp")).findFirst().orElseThrow();
            assertThat(tmp.getEmptyDir()).as(d.getMetadata().getName()).isNotNull();
            assertThat(pod.getContainers().get(0).getVolumeMounts())
                    .anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void shouldMountTheApiTokenOnlyWhereTheApiIsUsed(String name, Manifests rendered) {
        for (String service : Manifests.SERVICES) {
            Boolean automount = rendered.deployment(service).getSpec().getTemplate().getSpec()
                    .getAutomountServiceAccountToken();
            // the autoscaler reconciles; the load-balancer discovers its backends' pods
            if (service.equals("autoscaler") || service.equals("load-balancer")) {
                assertThat(automount).isNotEqualTo(Boolean.FALSE);
            } else {
                assertThat(automount).as(service).isFalse();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void shouldSpreadReplicasOverZonesAndNodes(String name, Manifests rendered) {
        for (String service : Manifests.SERVICES) {
            Deployment d = rendered.deployment(service);
            var constraints = d.getSpec().getTemplate().getSpec().getTopologySpreadConstraints();
            assertThat(constraints).extracting(c -> c.getTopologyKey())
                    .containsExactly("topology.kubernetes.io/zone", "kubernetes.io/hostname");
            assertThat(constraints).allSatisfy(c -> assertThat(c.getLabelSelector().getMatchLabels())
                    .isEqualTo(d.getSpec().getSelector().getMatchLabels()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void shouldRunTheImageNamedInValues(String name, Manifests rendered) {
        for (String service : Manifests.SERVICES) {
            assertThat(rendered.container(service).getImage())
                    .isEqualTo("ghcr.io/perfsuite/" + service + ":0.1.0-SNAPSHOT");
        }
        assertThat(HelmChart.withDefaults().set("image.registry", "registry.example.com")
                .set("image.tag", "1.2.3").render().container("query-router").getImage())
                .isEqualTo("registry.example.com/perfsuite/query-router:1.2.3");
    }

    private static List<Container> containers(Manifests rendered) {
        return rendered.all(Deployment.class).stream()
                .flatMap(d -> d.getSpec().getTemplate().getSpec().getContainers().stream()).toList();
    }
}
