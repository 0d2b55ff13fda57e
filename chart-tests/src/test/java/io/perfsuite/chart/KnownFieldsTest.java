package io.perfsuite.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;

/**
 * fabric8 keeps a field its model does not know in additionalProperties, where the API server would refuse or drop
 * it: a misspelt {@code readOnlyRootFileSystem} renders fine and protects nothing. No rendered object may have one.
 */
class KnownFieldsTest {

    @Test
    void shouldUseOnlyFieldsTheKubernetesApiKnows() {
        Manifests everything = HelmChart.withDefaults().set("jaeger.enabled", true).set("cacheService.hpa.enabled", true)
                .set("grafana.dashboard.enabled", true).values("""
                        autoscaler:
                          watchNamespaces: [team-a]
                        cacheService:
                          apiKeys:
                            - {name: writer, roles: write, secret: writer-secret-0123456789}
                        """).render();

        for (Manifests rendered : List.of(HelmChart.withDefaults().render(), everything)) {
            for (HasMetadata object : rendered.objects()) {
                if (object instanceof GenericKubernetesResource) {
                    continue; // prometheus-operator kinds: no model to hold them to
                }
                List<String> unknown = new ArrayList<>();
                collectUnknown(object, object.getKind(), unknown);
                assertThat(unknown).as("%s/%s", object.getKind(), object.getMetadata().getName()).isEmpty();
            }
        }
    }

    @Test
    void shouldNoticeAMisspeltField() {
        HasMetadata pod = Manifests.parse("""
                apiVersion: v1
                kind: Pod
                metadata: {name: p}
                spec:
                  containers:
                    - name: c
                      securityContext: {readOnlyRootFileSystem: true}
                """).objects().get(0);

        List<String> unknown = new ArrayList<>();
        collectUnknown(pod, "Pod", unknown);
        assertThat(unknown).singleElement().asString().contains("SecurityContext", "readOnlyRootFileSystem");
    }

    private static void collectUnknown(Object node, String path, List<String> unknown) {
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                collectUnknown(item, path + "[" + i++ + "]", unknown);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> collectUnknown(v, path + "." + k, unknown));
            return;
        }
        if (!(node instanceof KubernetesResource)) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get")
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(node);
            } catch (ReflectiveOperationException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    unknown.add(path + " " + extra.keySet());
                }
            } else if (value != null) {
                collectUnknown(value, path + "." + getter.getName().substring(3), unknown);
            }
        }
    }
}
