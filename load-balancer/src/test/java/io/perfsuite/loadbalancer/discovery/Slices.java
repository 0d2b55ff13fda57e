package io.perfsuite.loadbalancer.discovery;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;

/** EndpointSlices as the EndpointSlice controller writes them, for the discovery tests. */
final class Slices {

    private Slices() {
    }

    /** An endpoint; {@code ready} null leaves the condition unset. */
    static Endpoint endpoint(String address, Boolean ready) {
        return new EndpointBuilder().withAddresses(address).withNewConditions().withReady(ready).endConditions()
                .build();
    }

    static EndpointSlice slice(String name, String service, String addressType, List<Endpoint> endpoints,
            Object... namesAndPorts) {
        EndpointSliceBuilder builder = new EndpointSliceBuilder().withNewMetadata().withName(name)
                .withNamespace("shop").addToLabels("kubernetes.io/service-name", service).endMetadata()
                .withAddressType(addressType).withEndpoints(new ArrayList<>(endpoints));
        for (int i = 0; i < namesAndPorts.length; i += 2) {
            builder.addNewPort().withName((String) namesAndPorts[i]).withPort((Integer) namesAndPorts[i + 1])
                    .withProtocol("TCP").endPort();
        }
        return builder.build();
    }

    /** A slice port as the controller copies it from the Service: name, number and {@code appProtocol} (or null). */
    static EndpointPort port(String name, int number, String appProtocol) {
        return new EndpointPortBuilder().withName(name).withPort(number).withProtocol("TCP")
                .withAppProtocol(appProtocol).build();
    }

    static EndpointSlice slice(String name, String service, List<Endpoint> endpoints, EndpointPort... ports) {
        return new EndpointSliceBuilder(slice(name, service, "IPv4", endpoints)).withPorts(ports).build();
    }

    static EndpointSlice slice(String name, String service, List<Endpoint> endpoints) {
        return slice(name, service, "IPv4", endpoints, "http", 8080, "metrics", 9090);
    }
}
