/**
 * Endpoint discovery from Kubernetes: the one core package allowed fabric8, kept to a thin informer
 * ({@link io.perfsuite.loadbalancer.discovery.EndpointSliceDiscovery}) around a pure resolution of EndpointSlices to
 * endpoint specs ({@link io.perfsuite.loadbalancer.discovery.EndpointSliceResolver}). It feeds
 * {@code Pool.replaceEndpoints} (one watch per {@code kubernetes:} pool, kept in line with the topology by
 * {@link io.perfsuite.loadbalancer.discovery.KubernetesPools}) and decides nothing else.
 */
package io.perfsuite.loadbalancer.discovery;
