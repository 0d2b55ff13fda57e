package io.perfsuite.chart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/** Kubernetes objects parsed from multi-document YAML into fabric8's typed model. */
record Manifests(List<HasMetadata> objects) {

    static final List<String> SERVICES = List.of("load-balancer", "cache-service", "query-router", "autoscaler",
            "resource-monitor");
    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");
    static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    static Manifests parse(String yaml) {
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : DOCUMENT_SEPARATOR.split(yaml)) {
            if (document.lines().allMatch(line -> line.isBlank() || line.stripLeading().startsWith("#"))) {
                continue;
            }
            Object parsed = SERIALIZATION.unmarshal(document);
            if (!(parsed instanceof HasMetadata object)) {
                throw new IllegalArgumentException("not a Kubernetes object: " + document);
            }
            objects.add(object);
        }
        return new Manifests(List.copyOf(objects));
    }

    static Manifests read(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> T one(Class<T> type, String name) {
        List<T> found = all(type).stream().filter(o -> o.getMetadata().getName().equals(name)).toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one " + type.getSimpleName() + " " + name + ", found " + found.size()
                    + " among " + names());
        }
        return found.get(0);
    }

    /** Objects of a kind fabric8 has no class for (ServiceMonitor, PrometheusRule...). */
    List<GenericKubernetesResource> generic(String kind) {
        return all(GenericKubernetesResource.class).stream().filter(o -> o.getKind().equals(kind)).toList();
    }

    /** The Deployment the chart (release perfsuite) or quarkus-kubernetes (no release prefix) made for a service. */
    Deployment deployment(String service) {
        List<Deployment> found = all(Deployment.class).stream()
                .filter(d -> d.getMetadata().getName().equals(service)
                        || d.getMetadata().getName().equals(HelmChart.RELEASE + "-" + service))
                .toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one Deployment for " + service + " among " + names());
        }
        return found.get(0);
    }

    Container container(String service) {
        return deployment(service).getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    static Map<String, EnvVar> env(Container container) {
        Map<String, EnvVar> env = new LinkedHashMap<>();
        container.getEnv().forEach(e -> env.put(e.getName(), e));
        return env;
    }

    /** Port name to number, as the container declares them. */
    static Map<String, Integer> ports(Container container) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        container.getPorts().forEach(p -> ports.put(p.getName(), p.getContainerPort()));
        return ports;
    }

    /** A probe's port as a number, whether it names the port or gives its number. */
    static int probePort(Container container, Probe probe) {
        IntOrString port = probe.getHttpGet().getPort();
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        Integer number = ports(container).get(port.getStrVal());
        if (number == null) {
            throw new AssertionError(container.getName() + " probes undeclared port " + port.getStrVal());
        }
        return number;
    }

    List<String> names() {
        return objects.stream().map(o -> o.getKind() + "/" + o.getMetadata().getName()).toList();
    }
}
