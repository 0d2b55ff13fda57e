package io.perfsuite.loadbalancer.route;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.perfsuite.loadbalancer.config.ProxySettings;
import io.perfsuite.loadbalancer.config.ProxySettings.PoolSettings;
import io.perfsuite.loadbalancer.endpoint.Pool;

/**
 * One configuration in force: the route table and the live pools it sends to. Immutable; a reload builds the next
 * one and swaps it in, and requests already under way finish with the one they started with.
 */
public record Topology(ProxySettings settings, RouteTable routes, Map<String, PoolEntry> pools, long generation) {

    /** A live pool with the settings it was built from (timeouts, health checks). */
    public record PoolEntry(Pool pool, PoolSettings settings) {
    }

    public PoolEntry pool(String name) {
        return pools.get(name);
    }

    static Topology of(ProxySettings settings, RouteTable routes, List<PoolEntry> pools, long generation) {
        Map<String, PoolEntry> byName = new LinkedHashMap<>();
        pools.forEach(p -> byName.put(p.pool().name(), p));
        return new Topology(settings, routes, java.util.Collections.unmodifiableMap(byName), generation);
    }
}
