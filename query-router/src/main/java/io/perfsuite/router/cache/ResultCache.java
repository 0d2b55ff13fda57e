package io.perfsuite.router.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.perfsuite.router.cache.policy.CachePolicy;
import io.perfsuite.router.cache.policy.CacheTtl;
import io.perfsuite.router.cache.policy.TableCatalog;
import io.perfsuite.router.config.RouterConfig;
import io.perfsuite.router.consistency.ConsistencyToken;
import io.perfsuite.router.consistency.Lsn;
import io.perfsuite.router.redaction.Credentials;
import io.perfsuite.router.routing.Classification;
import io.smallrye.mutiny.Uni;

/**
 * Result caching through cache-service. Every entry is tagged with the tables it read and with {@value #ALL_TAG}.
 * <p>
 * Three rules keep a client from seeing a cached result older than its own acknowledged write: the write invalidates
 * its tables' tags before it is acknowledged; a result is only stored if no invalidation touching its tables
 * happened in this router while the query ran (a local epoch per table), so a slow read cannot put back what a write
 * just invalidated; and a result is only stored if its data is at least as new as the last write this router
 * acknowledged on its tables, so a read on a lagging replica cannot put back the rows a write replaced (it may still
 * answer with them, as an uncached eventual read would). When an invalidation fails or cache-service reports it
 * degraded, the cache is not read until an invalidation of {@value #ALL_TAG} succeeds. With several router instances,
 * both checks are per instance: a read on one instance racing a write on another can store a stale entry for at most
 * its cacheTtl (documented).
 */
@ApplicationScoped
public class ResultCache {

    static final String ALL_TAG = "qr-all";
    private static final Logger LOG = Logger.getLogger(ResultCache.class);

    private final CacheServiceClient client;
    private final CacheServiceGuard guard;
    // per tag, the commit position of the last write this router acknowledged on it (bounded by the tables written)
    private final Map<String, ConsistencyToken> writtenAt = new ConcurrentHashMap<>();
    private final AtomicReference<ConsistencyToken> allWrittenAt = new AtomicReference<>(new ConsistencyToken(0, Lsn.ZERO));
    private final ObjectMapper json;
    private final boolean enabled;
    private final String namespace;
    private final String apiKey;
    private final Duration maxTtl;
    private final AtomicLong globalEpoch = new AtomicLong();
    private final Map<String, AtomicLong> tableEpochs = new ConcurrentHashMap<>();
    private final AtomicBoolean suspect = new AtomicBoolean();
    private final AtomicBoolean flushing = new AtomicBoolean();
    private volatile CachePolicy policy;
    /** Bumped when a statement may have changed the schema; the catalog is trusted again once reloaded after it. */
    private final AtomicLong schemaChanges = new AtomicLong();
    private volatile long catalogCoversChanges;
    private volatile Runnable refreshListener = () -> {
    };

    ResultCache(@RestClient CacheServiceClient client, CacheServiceGuard guard, ObjectMapper json, RouterConfig config) {
        this.client = client;
        this.guard = guard;
        this.json = json;
        this.enabled = config.cache().enabled();
        this.namespace = config.cache().namespace();
        this.apiKey = config.cache().apiKey().orElse(null);
        this.maxTtl = config.cache().maxTtl();
        Map<String, Duration> ttls = new java.util.HashMap<>();
        config.cache().tables().forEach((table, rule) -> ttls.put(table, rule.ttl()));
        Map<String, Set<String>> declared = new java.util.HashMap<>();
        config.cache().invalidationDependencies().forEach((table, written) -> declared.put(table, Set.copyOf(written)));
        this.policy = new CachePolicy(ttls, declared, TableCatalog.empty());
    }

    public boolean enabled() {
        return enabled;
    }

    public Duration maxTtl() {
        return maxTtl;
    }

    /** Cheap first check on the read path: whether this request could be cached at all. */
    public boolean mayCache(Long requestedTtl) {
        return enabled && (requestedTtl != null ? requestedTtl > 0 : policy.hasTableRules());
    }

    /**
     * How to cache a read, or empty: the request's cacheTtl or the table rules, and the relations to tag it with.
     * Reads calling user functions (which may read unnamed tables) and reads while the catalog may be out of date
     * are not cached.
     */
    public Optional<CachePolicy.ReadPlan> planRead(Classification classification, Long requestedTtl) {
        if (!mayCache(requestedTtl) || classification.opaqueReads() || !catalogCurrent()) {
            return Optional.empty();
        }
        Optional<CachePolicy.ReadPlan> plan = policy.read(classification.tables(),
                Optional.ofNullable(requestedTtl).map(Duration::ofSeconds));
        if (plan.isEmpty() && classification.tables().stream().anyMatch(t -> policy.catalog().resolve(t).isEmpty())) {
            refreshListener.run();
        }
        return plan;
    }

    /** Called by the catalog loader: asks it to reload (a table it does not know yet was read). */
    public void onUnknownTable(Runnable listener) {
        this.refreshListener = listener;
    }

    /** A statement that may have changed the schema ran: until the catalog is reloaded, do not trust it. */
    public long schemaMayHaveChanged() {
        long change = schemaChanges.incrementAndGet();
        refreshListener.run();
        return change;
    }

    public long schemaChanges() {
        return schemaChanges.get();
    }

    private boolean catalogCurrent() {
        return policy.catalog().loaded() && catalogCoversChanges >= schemaChanges.get();
    }

    /**
     * A fresh catalog snapshot, loaded after schema change {@code coversChanges}. When it differs from the previous
     * one, entries stored under the old one (whose dependencies may have changed) are all dropped.
     */
    public Uni<Void> catalogLoaded(TableCatalog catalog, long coversChanges) {
        CachePolicy previous = policy;
        boolean changed = previous.catalog().loaded() && !previous.catalog().equals(catalog);
        policy = previous.withCatalog(catalog);
        Uni<Void> flushed = changed ? invalidateTags(List.of(ALL_TAG), true) : Uni.createFrom().voidItem();
        return flushed.invoke(() -> catalogCoversChanges = Math.max(catalogCoversChanges, coversChanges));
    }

    /** The cache key of a statement and its parameters (as JSON, so 1 and "1" differ). */
    public String key(String sql, List<Object> params) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(sql.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(json.writeValueAsBytes(params == null ? List.of() : params));
            return "q-" + HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException("cannot build a cache key", e);
        }
    }

    /** Sum of the epochs that an invalidation of these tables would bump: any such invalidation changes it. */
    public long epoch(Set<String> tables) {
        long sum = globalEpoch.get();
        for (String table : tables) {
            AtomicLong epoch = tableEpochs.get(tag(table));
            sum += epoch == null ? 0 : epoch.get();
        }
        return sum;
    }

    /** A hit, or empty on a miss, while the cache is suspect, or when cache-service does not answer in time. */
    public Uni<Optional<CachedResult>> lookup(String key) {
        if (!enabled || suspect.get() && !flushAll()) {
            return Uni.createFrom().item(Optional.empty());
        }
        return guard.text(() -> client.get(namespace, key, apiKey))
                .map(body -> {
                    try {
                        return Optional.of(json.readValue(body, CachedResult.class));
                    } catch (JsonProcessingException e) {
                        return Optional.<CachedResult>empty();
                    }
                })
                .onFailure().recoverWithItem(failure -> {
                    if (!(failure instanceof WebApplicationException web && web.getResponse().getStatus() == 404)) {
                        LOG.debugf("cache lookup failed, running the query: %s", Credentials.redact(failure.getMessage()));
                    }
                    return Optional.empty();
                });
    }

    /**
     * Stores in the background unless an invalidation of its tables happened since {@code epochBefore}, or the data
     * predates a write on them that this router acknowledged.
     */
    public void store(String key, CachedResult result, CachePolicy.ReadPlan plan, long epochBefore) {
        Set<String> tables = plan.tags();
        Duration ttl = plan.ttl();
        if (!enabled || suspect.get() || epoch(tables) != epochBefore || !catalogCurrent()
                || olderThanAcknowledgedWrites(new ConsistencyToken(result.timeline(), Lsn.parse(result.lsn())), tables)) {
            return;
        }
        String value;
        try {
            value = json.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            return;
        }
        List<String> tags = new ArrayList<>();
        tags.add(ALL_TAG);
        tables.forEach(table -> tags.add(tag(table)));
        guard.response(() -> client.put(namespace, key, CacheTtl.wire(ttl), String.join(",", tags), apiKey, value))
                .subscribe().with(stored -> {
                }, failure -> LOG.debugf("cache store failed: %s", Credentials.redact(failure.getMessage())));
    }

    private boolean olderThanAcknowledgedWrites(ConsistencyToken data, Set<String> tables) {
        if (!atLeast(data, allWrittenAt.get())) {
            return true;
        }
        for (String table : tables) {
            ConsistencyToken written = writtenAt.get(tag(table));
            if (written != null && !atLeast(data, written)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Data on a later timeline has every write acknowledged on an earlier one that survived the failover (those past
     * the fork are gone); data on an earlier timeline may miss the new primary's writes.
     */
    private static boolean atLeast(ConsistencyToken data, ConsistencyToken written) {
        if (data.timeline() != written.timeline()) {
            return data.timeline() > written.timeline();
        }
        return data.lsn().isAtLeast(written.lsn());
    }

    private static ConsistencyToken later(ConsistencyToken a, ConsistencyToken b) {
        return atLeast(a, b) ? a : b;
    }

    /**
     * Invalidates the tags of the tables a write touched (all entries when the tables are unknown). Completes when
     * cache-service confirmed it; on failure the cache turns suspect and the write is still acknowledged.
     *
     * @param committedAt the write's commit position: later stores of these tables need data at least this new
     */
    public Uni<Void> invalidate(Optional<Set<String>> tables, ConsistencyToken committedAt) {
        if (!enabled) {
            return Uni.createFrom().voidItem();
        }
        CachePolicy.Invalidation invalidation = catalogCurrent()
                ? policy.write(tables)
                : new CachePolicy.Invalidation(true, Set.of(), "the catalog may be out of date");
        List<String> tags = new ArrayList<>();
        if (invalidation.all()) {
            LOG.debugf("dropping every cached result: %s", invalidation.reason());
            tags.add(ALL_TAG);
            allWrittenAt.accumulateAndGet(committedAt, ResultCache::later);
        } else {
            for (String table : invalidation.tags()) {
                tags.add(tag(table));
                writtenAt.merge(tag(table), committedAt, ResultCache::later);
            }
        }
        return invalidateTags(tags, invalidation.all());
    }

    private Uni<Void> invalidateTags(List<String> tags, boolean all) {
        if (all) {
            globalEpoch.incrementAndGet();
        } else {
            for (String tag : tags) {
                tableEpochs.computeIfAbsent(tag, ignored -> new AtomicLong()).incrementAndGet();
            }
        }
        if (tags.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return guard.response(() -> client.invalidate(namespace, apiKey, Map.of("tags", tags)))
                .invoke(response -> {
                    if (degraded(response)) {
                        suspect.set(true);
                    }
                })
                .onFailure().invoke(failure -> {
                    LOG.warnf("cache invalidation failed; not reading the cache until it is flushed: %s",
                            Credentials.redact(failure.getMessage()));
                    suspect.set(true);
                })
                .replaceWithVoid()
                .onFailure().recoverWithNull();
    }

    /** Starts a flush of everything the router stored; returns false meanwhile so the caller skips the cache. */
    private boolean flushAll() {
        if (!flushing.compareAndSet(false, true)) {
            return false;
        }
        globalEpoch.incrementAndGet();
        guard.response(() -> client.invalidate(namespace, apiKey, Map.of("tags", List.of(ALL_TAG))))
                .onTermination().invoke(() -> flushing.set(false))
                .subscribe().with(response -> {
                    if (!degraded(response)) {
                        suspect.set(false);
                        LOG.info("cache flushed after a failed invalidation; reading it again");
                    }
                }, failure -> LOG.debugf("cache flush failed: %s", Credentials.redact(failure.getMessage())));
        return false;
    }

    private static boolean degraded(Response response) {
        return "true".equalsIgnoreCase(response.getHeaderString("X-Cache-Degraded"));
    }

    /** cache-service tags are 1-128 visible ASCII characters without commas; odd table names are hashed. */
    static String tag(String table) {
        String tag = "t-" + table;
        if (tag.length() <= 128 && tag.chars().allMatch(c -> c > 32 && c < 127 && c != ',')) {
            return tag;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(table.getBytes(StandardCharsets.UTF_8));
            return "t#" + HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    boolean suspect() {
        return suspect.get();
    }
}
