package io.perfsuite.loadbalancer.discovery;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.perfsuite.loadbalancer.config.RoutingFile;
import io.quarkus.runtime.StartupEvent;

/** Starts the Kubernetes pools' watches with the first topology and re-aligns them after every reload. */
@ApplicationScoped
class KubernetesPoolsLifecycle {

    private final RoutingFile routing;
    private final KubernetesPools pools;

    KubernetesPoolsLifecycle(RoutingFile routing, Instance<KubernetesClient> client) {
        this.routing = routing;
        // Instance: the client (and its cluster configuration) is resolved only for a first Kubernetes pool
        this.pools = new KubernetesPools(client::get);
    }

    void start(@Observes StartupEvent event) {
        routing.store().onChange(pools::apply);
        pools.apply(routing.topology());
    }

    KubernetesPools pools() {
        return pools;
    }

    @PreDestroy
    void stop() {
        pools.close();
    }
}
