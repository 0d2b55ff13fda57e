package io.perfsuite.cache.config;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.perfsuite.cache.freshness.FreshnessPolicy;
import io.perfsuite.cache.namespace.Namespace;
import io.perfsuite.cache.namespace.TtlPolicy;

/** The configured namespaces, resolved once at start-up. */
@ApplicationScoped
public class NamespaceRegistry {

    private final Map<String, Namespace> namespaces = new TreeMap<>();

    NamespaceRegistry(CacheConfig config) {
        config.namespaces().forEach((name, ns) -> {
            TtlPolicy ttl;
            try {
                ttl = new TtlPolicy(ns.defaultTtl(), ns.maxTtl());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("cache.namespaces." + name + ": " + e.getMessage(), e);
            }
            FreshnessPolicy freshness = new FreshnessPolicy(ttl, ns.staleWhileRevalidate(), ns.staleIfError());
            namespaces.put(name, new Namespace(name, freshness, ns.l1MaxBytes().asLongValue(),
                    (int) Math.min(Integer.MAX_VALUE, ns.compressionThreshold().asLongValue()), ns.origin(),
                    ns.negativeTtl(), ns.publicRead(), ns.writeMode(), ns.warmStartKeys()));
        });
    }

    public Optional<Namespace> find(String name) {
        return Optional.ofNullable(namespaces.get(name));
    }

    public Collection<Namespace> all() {
        return namespaces.values();
    }
}
