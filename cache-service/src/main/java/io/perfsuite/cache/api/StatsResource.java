package io.perfsuite.cache.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.perfsuite.cache.coherence.InvalidationListener;
import io.perfsuite.cache.config.NamespaceRegistry;
import io.perfsuite.cache.namespace.Namespace;
import io.perfsuite.cache.redaction.Redaction;
import io.perfsuite.cache.tier.LocalTier;
import io.perfsuite.cache.tier.RedisTier;
import io.perfsuite.cache.tier.TieredCache;
import io.perfsuite.cache.warm.WarmStart;

/** A snapshot for humans; dashboards read the same numbers from /q/metrics. */
@Path("/v1/cache/stats")
public class StatsResource {

    private final NamespaceRegistry namespaces;
    private final LocalTier local;
    private final RedisTier redis;
    private final InvalidationListener invalidations;
    private final TieredCache cache;
    private final WarmStart warmStart;

    StatsResource(NamespaceRegistry namespaces, LocalTier local, RedisTier redis, InvalidationListener invalidations,
            TieredCache cache, WarmStart warmStart) {
        this.warmStart = warmStart;
        this.namespaces = namespaces;
        this.local = local;
        this.redis = redis;
        this.invalidations = invalidations;
        this.cache = cache;
    }

    public record NamespaceStats(long l1Entries, long l1Bytes, long l1MaxBytes, long l1Evictions, boolean readThrough) {
    }

    public record Stats(boolean redisAvailable, boolean coherent, List<String> invalidationNodes, long originLoads,
            long coalescedLoads, WarmStart.Report lastWarmStart, Map<String, NamespaceStats> namespaces) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    // the nodes and their state are for operators, not for anyone who can reach the port
    @RolesAllowed(CacheRoles.READ)
    public Stats stats() {
        Map<String, NamespaceStats> perNamespace = new LinkedHashMap<>();
        for (Namespace ns : namespaces.all()) {
            perNamespace.put(ns.name(), new NamespaceStats(local.entries(ns.name()), local.weightedBytes(ns.name()),
                    ns.l1MaxBytes(), local.evictions(ns.name()), ns.readThrough()));
        }
        return new Stats(redis.available(), invalidations.coherent(),
                invalidations.trackedNodes().stream().map(Redaction::redact).toList(), cache.flights().loads(),
                cache.flights().coalesced(), warmStart.last(), perNamespace);
    }
}
