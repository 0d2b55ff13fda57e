package io.perfsuite.cache.tier;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import io.perfsuite.cache.entry.CacheEntry;
import io.perfsuite.cache.namespace.Namespace;

/**
 * The in-process tier: one byte-bounded Caffeine cache (W-TinyLFU) per namespace.
 * <p>
 * Every invalidation bumps the namespace's epoch. A fill from L2 or the origin records the epoch before it reads and
 * is dropped if the epoch moved meanwhile: otherwise a value read just before another replica's write could land in
 * L1 after that write's invalidation had already gone by, and stay stale.
 */
public class LocalTier {

    private static final int KEY_OVERHEAD_BYTES = 40;

    private final Map<String, Cache<String, CacheEntry>> caches = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> epochs = new ConcurrentHashMap<>();
    private final Clock clock;

    public LocalTier(Iterable<Namespace> namespaces, Clock clock) {
        this.clock = clock;
        for (Namespace ns : namespaces) {
            caches.put(ns.name(), Caffeine.newBuilder()
                    .maximumWeight(ns.l1MaxBytes())
                    .weigher((String key, CacheEntry entry) -> KEY_OVERHEAD_BYTES + 2 * key.length() + entry.weight())
                    .expireAfter(new RetainUntil())
                    // maintenance (draining the read buffer every few hits, evicting) on the calling thread: the
                    // default, the common pool, woke a second thread thousands of times a second at full load, and
                    // each wake-up took a core from the event loop or the load generator (schedstat, README)
                    .executor(Runnable::run)
                    .recordStats()
                    .build());
            epochs.put(ns.name(), new AtomicLong());
        }
    }

    public CacheEntry get(String namespace, String key) {
        return cache(namespace).getIfPresent(key);
    }

    public long epoch(String namespace) {
        return epochs.get(namespace).get();
    }

    /** Stores a value unconditionally, with no epoch check (writes go through {@link #fillOwnWrite}). */
    public void put(String namespace, String key, CacheEntry entry) {
        cache(namespace).put(key, entry);
    }

    /**
     * Stores the value of this replica's own acknowledged write, unless an invalidation arrived since the write began
     * ({@code epochAtWrite}, from {@link #invalidate}); then the key is dropped instead, since the invalidation may be
     * for a newer write. Moving the epoch on makes reads that fetched the value before the write unable to fill it back.
     */
    public boolean fillOwnWrite(String namespace, String key, CacheEntry entry, long epochAtWrite) {
        AtomicLong epoch = epochs.get(namespace);
        if (!epoch.compareAndSet(epochAtWrite, epochAtWrite + 1)) {
            invalidate(namespace, key);
            return false;
        }
        cache(namespace).put(key, entry);
        if (epoch.get() != epochAtWrite + 1) {
            invalidate(namespace, key);
            return false;
        }
        return true;
    }

    /** Stores a value read from L2 or the origin, unless an invalidation arrived since {@code epochBeforeRead}. */
    public boolean fill(String namespace, String key, CacheEntry entry, long epochBeforeRead) {
        AtomicLong epoch = epochs.get(namespace);
        if (epoch.get() != epochBeforeRead) {
            return false;
        }
        cache(namespace).put(key, entry);
        // an invalidation racing with the put may have missed the new entry: undo rather than risk staleness
        if (epoch.get() != epochBeforeRead) {
            cache(namespace).invalidate(key);
            return false;
        }
        return true;
    }

    /** Drops a key; returns the namespace's new epoch. */
    public long invalidate(String namespace, String key) {
        long epoch = epochs.get(namespace).incrementAndGet();
        cache(namespace).invalidate(key);
        return epoch;
    }

    public void invalidateIf(String namespace, Predicate<Map.Entry<String, CacheEntry>> condition) {
        epochs.get(namespace).incrementAndGet();
        cache(namespace).asMap().entrySet().removeIf(condition);
    }

    /** Makes in-flight fills of the namespace give up, without dropping anything. */
    public void bumpEpoch(String namespace) {
        epochs.get(namespace).incrementAndGet();
    }

    /** Drops everything: the tier may have missed invalidations. */
    public void flush() {
        epochs.values().forEach(AtomicLong::incrementAndGet);
        caches.values().forEach(Cache::invalidateAll);
    }

    public void flush(String namespace) {
        epochs.get(namespace).incrementAndGet();
        cache(namespace).invalidateAll();
    }

    public long entries(String namespace) {
        return cache(namespace).estimatedSize();
    }

    public long weightedBytes(String namespace) {
        return cache(namespace).policy().eviction().map(e -> e.weightedSize().orElse(0L)).orElse(0L);
    }

    public long evictions(String namespace) {
        return cache(namespace).stats().evictionCount();
    }

    private Cache<String, CacheEntry> cache(String namespace) {
        Cache<String, CacheEntry> cache = caches.get(namespace);
        if (cache == null) {
            throw new IllegalArgumentException("unknown namespace " + namespace);
        }
        return cache;
    }

    /** Keeps an entry as long as it may still be served, stale windows included. */
    private final class RetainUntil implements Expiry<String, CacheEntry> {
        @Override
        public long expireAfterCreate(String key, CacheEntry entry, long currentTime) {
            return remaining(entry);
        }

        @Override
        public long expireAfterUpdate(String key, CacheEntry entry, long currentTime, long currentDuration) {
            return remaining(entry);
        }

        @Override
        public long expireAfterRead(String key, CacheEntry entry, long currentTime, long currentDuration) {
            return currentDuration;
        }

        private long remaining(CacheEntry entry) {
            Duration left = Duration.between(Instant.now(clock), entry.retainUntil());
            return left.isNegative() ? 0 : left.toNanos();
        }
    }
}
