package io.perfsuite.loadbalancer.route;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

import io.perfsuite.loadbalancer.config.ProxySettings;
import io.perfsuite.loadbalancer.config.ProxySettings.PoolSettings;
import io.perfsuite.loadbalancer.endpoint.Pool;
import io.perfsuite.loadbalancer.route.Topology.PoolEntry;

/**
 * Holds the topology in force and applies new settings to it. A pool whose strategy and policy are unchanged keeps
 * its {@link Pool}, so its endpoints keep their live state (EWMA, ejections, slow start) and only its backend list is
 * replaced (a {@code kubernetes:} pool keeps its discovered backends); a pool whose strategy or policy changed starts
 * afresh. Route weights set at run time last until the next
 * reload, which puts the file's weights back.
 */
public final class TopologyStore {

    private final Clock clock;
    private final RandomGenerator random;
    private final List<Consumer<Topology>> listeners = new ArrayList<>();
    private volatile Topology current;

    public TopologyStore(ProxySettings initial, Clock clock, RandomGenerator random) {
        this.clock = Objects.requireNonNull(clock);
        this.random = Objects.requireNonNull(random);
        this.current = build(initial, null);
    }

    public Topology current() {
        return current;
    }

    /** Called after every swap, on the thread that applied it (health checks re-plan their timers). */
    public synchronized void onChange(Consumer<Topology> listener) {
        listeners.add(listener);
    }

    public synchronized Topology apply(ProxySettings settings) {
        Topology next = build(settings, current);
        current = next;
        listeners.forEach(l -> l.accept(next));
        return next;
    }

    private Topology build(ProxySettings settings, Topology previous) {
        List<PoolEntry> pools = new ArrayList<>();
        for (PoolSettings pool : settings.pools()) {
            PoolEntry old = previous == null ? null : previous.pool(pool.name());
            if (old != null && old.settings().strategy().equals(pool.strategy())
                    && Objects.equals(old.settings().hashKey(), pool.hashKey())
                    && old.settings().sticky().equals(pool.sticky())
                    && old.settings().policy().equals(pool.policy())) {
                if (pool.kubernetes() == null) {
                    // a Kubernetes pool's backends come from its watch (discovery.KubernetesPools), not the file
                    old.pool().replaceEndpoints(pool.backends());
                }
                pools.add(new PoolEntry(old.pool(), pool));
            } else {
                pools.add(new PoolEntry(new Pool(pool.name(), StrategyCatalog.create(pool, random), pool.policy(), clock,
                        pool.backends()), pool));
            }
        }
        return Topology.of(settings, RouteTable.from(settings), pools, previous == null ? 1 : previous.generation() + 1);
    }
}
