package io.perfsuite.loadbalancer.discovery;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.perfsuite.loadbalancer.endpoint.EndpointSpec;

/**
 * Watches a Service's EndpointSlices (discovery.k8s.io/v1, label {@code kubernetes.io/service-name}) with a fabric8
 * informer and publishes the ready endpoints on the configured port whenever they change, typically to
 * {@code pool::replaceEndpoints}. The informer lists, then watches, and re-lists after a dropped watch; while the API
 * server is unreachable nothing is published, so the pool keeps the last endpoints it was given.
 * <p>
 * Publication happens on the informer's thread, one at a time, and only when the resolved set differs from the last.
 */
public final class EndpointSliceDiscovery implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EndpointSliceDiscovery.class);

    public static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";

    private final KubernetesClient client;
    private final ServiceTarget target;
    private final Consumer<List<EndpointSpec>> onChange;
    private SharedIndexInformer<EndpointSlice> informer;
    private List<EndpointSpec> published;

    public EndpointSliceDiscovery(KubernetesClient client, ServiceTarget target,
            Consumer<List<EndpointSpec>> onChange) {
        this.client = Objects.requireNonNull(client, "client");
        this.target = Objects.requireNonNull(target, "target");
        this.onChange = Objects.requireNonNull(onChange, "onChange");
    }

    public ServiceTarget target() {
        return target;
    }

    /** Starts watching without blocking; the first publication follows the initial list. */
    public synchronized void start() {
        if (informer != null) {
            return;
        }
        informer = client.discovery().v1().endpointSlices().inNamespace(target.namespace())
                .withLabel(SERVICE_NAME_LABEL, target.service()).runnableInformer(0);
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(EndpointSlice slice) {
                republish();
            }

            @Override
            public void onUpdate(EndpointSlice before, EndpointSlice after) {
                republish();
            }

            @Override
            public void onDelete(EndpointSlice slice, boolean finalStateUnknown) {
                republish();
            }
        });
        // a Service with no slices at all never fires an event: publish the empty set once the list is in
        informer.start().thenRun(this::republish);
    }

    /** Whether the informer has its first list: until then the pool has only what it was configured with. */
    public synchronized boolean synced() {
        return informer != null && informer.hasSynced();
    }

    /** The endpoints last published, or null before the first publication. */
    public synchronized List<EndpointSpec> current() {
        return published;
    }

    private synchronized void republish() {
        if (informer == null) {
            return;
        }
        List<EndpointSpec> resolved = EndpointSliceResolver.resolve(informer.getStore().list(), target);
        if (resolved.equals(published)) {
            return;
        }
        published = resolved;
        LOG.infof("service %s: %d ready endpoint(s)", target, resolved.size());
        try {
            onChange.accept(resolved);
        } catch (RuntimeException e) {
            // a bad consumer must not kill the informer's thread; the next change tries again
            LOG.errorf(e, "service %s: could not apply endpoints %s", target, resolved);
            published = null;
        }
    }

    @Override
    public synchronized void close() {
        if (informer != null) {
            informer.close();
            informer = null;
        }
    }
}
