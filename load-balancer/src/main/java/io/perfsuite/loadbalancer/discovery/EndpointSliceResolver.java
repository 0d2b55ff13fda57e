package io.perfsuite.loadbalancer.discovery;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.discovery.v1.EndpointConditions;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
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
            Integer port = portOf(slice, target.port());
            if (port == null || slice.getEndpoints() == null) {
                continue;
            }
            boolean ipv6 = "IPv6".equals(slice.getAddressType());
            for (io.fabric8.kubernetes.api.model.discovery.v1.Endpoint endpoint : slice.getEndpoints()) {
                if (!ready(endpoint.getConditions()) || endpoint.getAddresses() == null
                        || endpoint.getAddresses().isEmpty()) {
                    continue;
                }
                // addresses are fungible per the API: consumers use the first
                String address = endpoint.getAddresses().get(0);
                String host = ipv6 && !address.startsWith("[") ? "[" + address + "]" : address;
                URI uri = URI.create(target.scheme() + "://" + host + ":" + port);
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

    private static Integer portOf(EndpointSlice slice, String wanted) {
        List<EndpointPort> ports = slice.getPorts();
        if (ports == null || ports.isEmpty()) {
            return null;
        }
        if (wanted == null || wanted.isEmpty()) {
            return ports.size() == 1 ? ports.get(0).getPort() : null;
        }
        for (EndpointPort port : ports) {
            if (wanted.equals(port.getName())) {
                return port.getPort();
            }
        }
        if (wanted.chars().allMatch(Character::isDigit)) {
            int number = Integer.parseInt(wanted);
            for (EndpointPort port : ports) {
                if (port.getPort() != null && port.getPort() == number) {
                    return number;
                }
            }
        }
        return null;
    }
}
