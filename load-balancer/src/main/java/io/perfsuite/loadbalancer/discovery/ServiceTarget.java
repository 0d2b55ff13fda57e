package io.perfsuite.loadbalancer.discovery;

import java.util.Objects;

import io.perfsuite.loadbalancer.config.ProxySettings.KubernetesService;

/**
 * A Kubernetes Service whose ready endpoints make up a pool: what configuration's
 * {@code kubernetes: {namespace, service, port}} says.
 *
 * @param port the Service port's name as EndpointSlices list it; a number matches the slice's (target) port number
 *        instead; null or empty takes the slice's only port
 * @param scheme how the proxy talks to the endpoints: {@code http}, {@code https}, or {@code auto} to read it off
 *        each slice port (see {@link EndpointSliceResolver#schemeOf})
 */
public record ServiceTarget(String namespace, String service, String port, String scheme) {

    private static final java.util.regex.Pattern DNS_LABEL = java.util.regex.Pattern
            .compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    public ServiceTarget {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(service, "service");
        if (!DNS_LABEL.matcher(namespace).matches()) {
            throw new IllegalArgumentException("namespace must be a DNS label (RFC 1123), was '" + namespace + "'");
        }
        if (!DNS_LABEL.matcher(service).matches()) {
            throw new IllegalArgumentException("service must be a DNS label (RFC 1123), was '" + service + "'");
        }
        scheme = scheme == null ? KubernetesService.AUTO : scheme;
        if (!KubernetesService.SCHEMES.contains(scheme)) {
            throw new IllegalArgumentException("scheme must be one of " + KubernetesService.SCHEMES + ", was '" + scheme
                    + "'");
        }
    }

    public ServiceTarget(String namespace, String service, String port) {
        this(namespace, service, port, KubernetesService.AUTO);
    }

    @Override
    public String toString() {
        return namespace + "/" + service + (port == null || port.isEmpty() ? "" : ":" + port);
    }
}
