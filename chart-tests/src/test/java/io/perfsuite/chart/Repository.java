package io.perfsuite.chart;

import java.nio.file.Files;
import java.nio.file.Path;

/** Paths in the repository the tests read: the chart, k8s/ and the services' generated manifests. */
final class Repository {

    static final Path ROOT = findRoot();
    static final Path CHART = ROOT.resolve("helm/perfsuite");
    static final Path K8S = ROOT.resolve("k8s");

    private Repository() {
    }

    /** A service's manifest as quarkus-kubernetes generated it at package time. */
    static Path generatedManifest(String service) {
        Path manifest = ROOT.resolve(service).resolve("target/kubernetes/kubernetes.yml");
        if (!Files.isRegularFile(manifest)) {
            throw new IllegalStateException(manifest + " is missing: package " + service
                    + " first (./mvnw -pl " + service + " package -DskipTests), or run the whole reactor");
        }
        return manifest;
    }

    static Path generatedCrd() {
        Path crd = ROOT.resolve("autoscaler/target/kubernetes/scalingpolicies.perfsuite.io-v1.yml");
        if (!Files.isRegularFile(crd)) {
            throw new IllegalStateException(crd + " is missing: package the autoscaler first");
        }
        return crd;
    }

    private static Path findRoot() {
        String configured = System.getProperty("perfsuite.root");
        Path start = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
        for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("helm/perfsuite"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no helm/perfsuite above " + start);
    }
}
