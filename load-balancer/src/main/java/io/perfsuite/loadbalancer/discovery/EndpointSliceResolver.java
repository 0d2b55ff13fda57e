package io.perfsuite.loadbalancer.discovery;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.fabric8.kubernetes.api.model.discovery.v1.EndpointConditions;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.perfsuite.loadbalancer.config.ProxySettings.KubernetesService;
import io.perfsuite.loadbalancer.endpoint.EndpointSpec;

/**
 * Turns a Service's EndpointSlices into the pool's endpoints: ready endpoints only, on the configured port, each
 * address once. No I/O: the watcher feeds it the slices it has.
 */
public final class EndpointSliceResolver {

    private EndpointSliceResolver() {
    }

    /** The endpoints {@code slices} offer for {@code target}, ordered by id so equal sets compare equal. */
    public static List<EndpointSpec> resolve(List<EndpointSlice> slices, ServiceTarget target) {
        Map<String, EndpointSpec> byId = new LinkedHashMap<>();
        for (EndpointSlice slice : slices) {
            EndpointPort slicePort = portOf(slice, target.port());
            if (slicePort == null || slicePort.getPort() == null || slice.getEndpoints() == null) {
                continue;
            }
            int port = slicePort.getPort();
            String scheme = schemeOf(slicePort, target.scheme());
            boolean ipv6 = "IPv6".equals(slice.getAddressType());
            for (io.fabric8.kubernetes.api.model.discovery.v1.Endpoint endpoint : slice.getEndpoints()) {
                if (!ready(endpoint.getConditions()) || endpoint.getAddresses() == null
                        || endpoint.getAddresses().isEmpty()) {
                    continue;
                }
                // addresses are fungible per the API: consumers use the first
                String address = endpoint.getAddresses().get(0);
                String host = ipv6 && !address.startsWith("[") ? "[" + address + "]" : address;
                URI uri = URI.create(scheme + "://" + host + ":" + port);
                EndpointSpec spec = new EndpointSpec(host + ":" + port, uri, EndpointSpec.DEFAULT_WEIGHT);
                // during a slice hand-over the same endpoint can be listed twice
                byId.putIfAbsent(spec.id(), spec);
            }
        }
        List<EndpointSpec> specs = new ArrayList<>(byId.values());
        specs.sort(Comparator.comparing(EndpointSpec::id));
        return List.copyOf(specs);
    }

    /** discovery.k8s.io/v1: a null ready condition means ready (unknown state is treated as ready). */
    static boolean ready(EndpointConditions conditions) {
        return conditions == null || conditions.getReady() == null || conditions.getReady();
    }

    /**
     * How to talk to endpoints on {@code port}. {@code auto} reads the port's {@code appProtocol} (Kubernetes' standard
     * values: IANA names such as {@code http} and {@code https}, and {@code kubernetes.io/h2c}, {@code /ws},
     * {@code /wss}); without one it knows, a port named {@code https} or {@code https-*} (Istio's naming) is TLS and
     * any other is plain HTTP. An h2c port counts as plain http: the proxy speaks HTTP/1.1 to backends, which h2c
     * servers that also take HTTP/1.1 (most do) answer.
     */
    static String schemeOf(EndpointPort port, String configured) {
        if (!KubernetesService.AUTO.equals(configured)) {
            return configured;
        }
        String protocol = port.getAppProtocol() == null ? "" : port.getAppProtocol().toLowerCase(Locale.ROOT);
        switch (protocol) {
            case "https", "kubernetes.io/wss" -> {
                return "https";
            }
            case "http", "kubernetes.io/h2c", "kubernetes.io/ws" -> {
                return "http";
            }
            default -> {
                String name = port.getName() == null ? "" : port.getName();
                return name.equals("https") || name.startsWith("https-") ? "https" : "http";
            }
        }
    }

    private static EndpointPort portOf(EndpointSlice slice, String wanted) {
        List<EndpointPort> ports = slice.getPorts();
        if (ports == null || ports.isEmpty()) {
            return null;
        }
        if (wanted == null || wanted.isEmpty()) {
            return ports.size() == 1 ? ports.get(0) : null;
        }
        for (EndpointPort port : ports) {
            if (wanted.equals(port.getName())) {
                return port;
            }
        }
        if (wanted.chars().allMatch(Character::isDigit)) {
            int number = Integer.parseInt(wanted);
            for (EndpointPort port : ports) {
                if (port.getPort() != null && port.getPort() == number) {
                    return port;
                }
            }
        }
        return null;
    }
}
