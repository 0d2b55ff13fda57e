package io.perfsuite.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;

/** loadBalancer.tls: the TLS Secret reaches the proxy at the paths its variables name, on a port callers can reach. */
class LoadBalancerTlsTest {

    private static Manifests withTls() {
        return HelmChart.withDefaults().set("loadBalancer.tls.enabled", true)
                .set("loadBalancer.tls.secretName", "front-door-tls").render();
    }

    @Test
    void shouldMountTheTlsSecretWhereTheProxysTlsVariablesPoint() {
        Manifests rendered = withTls();
        Container lb = rendered.container("load-balancer");
        Map<String, EnvVar> env = Manifests.env(lb);

        assertThat(env.get("LB_PROXY_TLS_PORT").getValue()).isEqualTo("8443");
        assertThat(Manifests.ports(lb)).containsEntry("https", 8443);
        VolumeMount mount = lb.getVolumeMounts().stream().filter(m -> m.getName().equals("tls")).findFirst()
                .orElseThrow();
        assertThat(mount.getReadOnly()).isTrue();
        assertThat(env.get("LB_PROXY_TLS_CERT_PATH").getValue()).isEqualTo(mount.getMountPath() + "/tls.crt");
        assertThat(env.get("LB_PROXY_TLS_KEY_PATH").getValue()).isEqualTo(mount.getMountPath() + "/tls.key");
        Volume volume = rendered.deployment("load-balancer").getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getName().equals("tls")).findFirst().orElseThrow();
        assertThat(volume.getSecret().getSecretName()).isEqualTo("front-door-tls");
    }

    @Test
    void shouldExposeTheTlsPortOnTheServiceAndLetCallersThroughTheNetworkPolicy() {
        Manifests rendered = withTls();

        ServicePort https = rendered.one(Service.class, HelmChart.RELEASE + "-load-balancer").getSpec().getPorts()
                .stream().filter(p -> "https".equals(p.getName())).findFirst().orElseThrow();
        assertThat(https.getPort()).isEqualTo(8443);
        assertThat(https.getTargetPort().getStrVal()).isEqualTo("https");
        assertThat(rendered.one(NetworkPolicy.class, HelmChart.RELEASE + "-load-balancer").getSpec().getIngress())
                .anySatisfy(rule -> assertThat(rule.getPorts()).extracting(p -> p.getPort().getIntVal())
                        .contains(8080, 8443));
    }

    @Test
    void shouldRenderNoTlsPortMountOrVariableByDefault() {
        Manifests rendered = HelmChart.withDefaults().render();
        Container lb = rendered.container("load-balancer");

        assertThat(Manifests.env(lb)).doesNotContainKeys("LB_PROXY_TLS_PORT", "LB_PROXY_TLS_CERT_PATH",
                "LB_PROXY_TLS_KEY_PATH");
        assertThat(Manifests.ports(lb)).doesNotContainKey("https");
        assertThat(lb.getVolumeMounts()).extracting(VolumeMount::getName).doesNotContain("tls");
    }

    @Test
    void shouldRefuseTlsWithoutASecretNamingTheValue() {
        assertThatThrownBy(HelmChart.withDefaults().set("loadBalancer.tls.enabled", true)::template)
                .isInstanceOf(IllegalStateException.class).message().contains("loadBalancer.tls.secretName");
    }
}
