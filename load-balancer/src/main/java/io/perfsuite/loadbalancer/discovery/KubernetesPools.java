package io.perfsuite.loadbalancer.discovery;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.perfsuite.loadbalancer.config.ProxySettings.KubernetesService;
import io.perfsuite.loadbalancer.endpoint.EndpointSpec;
import io.perfsuite.loadbalancer.endpoint.Pool;
import io.perfsuite.loadbalancer.route.Topology;
import io.perfsuite.loadbalancer.route.Topology.PoolEntry;

/**
 * Keeps one EndpointSlice watch per {@code kubernetes:} pool of the topology in force and feeds its ready endpoints
 * into the pool ({@link Pool#replaceEndpoints}: newcomers enter slow start, the removed drain and their in-flight
 * requests finish). On each topology a watch whose Service is unchanged is kept, one whose Service changed is
 * replaced, and one whose pool is gone (or no longer a Kubernetes pool) is closed. The client is asked for only when
 * a first Kubernetes pool appears, so a file without one never needs a cluster.
 */
public final class KubernetesPools implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(KubernetesPools.class);

    private final Supplier<KubernetesClient> client;
    private final Map<String, Watch> byPool = new HashMap<>();

    public KubernetesPools(Supplier<KubernetesClient> client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /** Brings the watches in line with {@code topology}; called with the first topology and after every reload. */
    public synchronized void apply(Topology topology) {
        Map<String, Watch> next = new HashMap<>();
        for (PoolEntry entry : topology.pools().values()) {
            KubernetesService service = entry.settings().kubernetes();
            if (service == null) {
                continue;
            }
            ServiceTarget target = new ServiceTarget(service.namespace(), service.service(), service.port(),
                    service.scheme());
            Watch watch = byPool.remove(entry.pool().name());
            if (watch != null && watch.discovery.target().equals(target)) {
                // a reload may have rebuilt the pool (new strategy or policy): give it what the watch knows
                watch.retarget(entry.pool());
            } else {
                if (watch != null) {
                    watch.close();
                }
                watch = new Watch(entry.pool());
                try {
                    watch.discovery = new EndpointSliceDiscovery(client.get(), target, watch::feed);
                    watch.discovery.start();
                } catch (RuntimeException e) {
                    // no cluster configuration: the pool stays without backends (503, readiness tells), the rest runs
                    LOG.errorf(e, "pool %s: cannot watch the EndpointSlices of %s", entry.pool().name(), target);
                    continue;
                }
                LOG.infof("pool %s: watching the EndpointSlices of %s", entry.pool().name(), target);
            }
            next.put(entry.pool().name(), watch);
        }
        byPool.values().forEach(Watch::close);
        byPool.clear();
        byPool.putAll(next);
    }

    /** The Service each Kubernetes pool is watching, by pool name. */
    public synchronized Map<String, ServiceTarget> watched() {
        Map<String, ServiceTarget> targets = new HashMap<>();
        byPool.forEach((pool, watch) -> targets.put(pool, watch.discovery.target()));
        return targets;
    }

    @Override
    public synchronized void close() {
        byPool.values().forEach(Watch::close);
        byPool.clear();
    }

    /** One pool's watch; the informer's thread feeds it, a reload may point it at a rebuilt pool. */
    private static final class Watch {

        private Pool pool;
        private List<EndpointSpec> last;
        private EndpointSliceDiscovery discovery;

        Watch(Pool pool) {
            this.pool = pool;
        }

        synchronized void feed(List<EndpointSpec> endpoints) {
            last = endpoints;
            pool.replaceEndpoints(endpoints);
        }

        synchronized void retarget(Pool rebuilt) {
            if (rebuilt == pool) {
                return;
            }
            pool = rebuilt;
            if (last != null) {
                pool.replaceEndpoints(last);
            }
        }

        void close() {
            LOG.infof("pool %s: no longer watching %s", pool.name(), discovery.target());
            discovery.close();
        }
    }
}
