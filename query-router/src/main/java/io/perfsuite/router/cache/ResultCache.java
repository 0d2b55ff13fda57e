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
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.perfsuite.router.cache.policy.CacheCoherence;
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
 * The result cache's client adapter: looks results up in cache-service, stores them and drops tags there, as
 * {@link CacheCoherence} (pure: which reads are cached under which tags, what a write drops, when a result may be
 * stored, when the cache is not to be trusted) decides. Builds the keys and the JSON of the entries.
 */
@ApplicationScoped
public class ResultCache {

    static final String ALL_TAG = CacheCoherence.ALL_TAG;
    private static final Logger LOG = Logger.getLogger(ResultCache.class);

    private final CacheServiceClient client;
    private final CacheServiceGuard guard;
    private final CacheCoherence coherence;
    private final ObjectMapper json;
    private final String namespace;
    private final String apiKey;
    private final Duration maxTtl;
    private final AtomicBoolean flushing = new AtomicBoolean();
    private volatile Runnable refreshListener = () -> {
    };

    ResultCache(@RestClient CacheServiceClient client, CacheServiceGuard guard, ObjectMapper json, RouterConfig config) {
        this.client = client;
        this.guard = guard;
        this.json = json;
        this.namespace = config.cache().namespace();
        this.apiKey = config.cache().apiKey().orElse(null);
        this.maxTtl = config.cache().maxTtl();
        Map<String, Duration> ttls = new java.util.HashMap<>();
        config.cache().tables().forEach((table, rule) -> ttls.put(table, rule.ttl()));
        Map<String, Set<String>> declared = new java.util.HashMap<>();
        config.cache().invalidationDependencies().forEach((table, written) -> declared.put(table, Set.copyOf(written)));
        this.coherence = new CacheCoherence(config.cache().enabled(), new CachePolicy(ttls, declared, TableCatalog.empty()));
    }

    public boolean enabled() {
        return coherence.enabled();
    }

    public Duration maxTtl() {
        return maxTtl;
    }

    /** Cheap first check on the read path: whether this request could be cached at all. */
    public boolean mayCache(Long requestedTtl) {
        return coherence.mayCache(requestedTtl);
    }

    /**
     * How to cache a read, or empty ({@link CacheCoherence#planRead}). A read of a table the catalog does not know
     * yet asks the catalog loader for a reload.
     */
    public Optional<CachePolicy.ReadPlan> planRead(Classification classification, Long requestedTtl) {
        CacheCoherence.ReadChoice choice = coherence.planRead(classification, requestedTtl);
        if (choice.unknownTable()) {
            refreshListener.run();
        }
        return choice.plan();
    }

    /** Called by the catalog loader: asks it to reload (a table it does not know yet was read). */
    public void onUnknownTable(Runnable listener) {
        this.refreshListener = listener;
    }

    /** A statement that may have changed the schema ran: until the catalog is reloaded, do not trust it. */
    public long schemaMayHaveChanged() {
        long change = coherence.schemaMayHaveChanged();
        refreshListener.run();
        return change;
    }

    public long schemaChanges() {
        return coherence.schemaChanges();
    }

    /**
     * A fresh catalog snapshot, loaded after schema change {@code coversChanges}. When it differs from the previous
     * one, entries stored under the old one (whose dependencies may have changed) are all dropped first.
     */
    public Uni<Void> catalogLoaded(TableCatalog catalog, long coversChanges) {
        Uni<Void> flushed = coherence.replaceCatalog(catalog).map(this::send).orElse(Uni.createFrom().voidItem());
        return flushed.invoke(() -> coherence.catalogCovers(coversChanges));
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

    /** The epoch to hand back to {@link #store}: see {@link CacheCoherence#epoch}. */
    public long epoch(Set<String> tables) {
        return coherence.epoch(tables);
    }

    /** A hit, or empty on a miss, while the cache is suspect, or when cache-service does not answer in time. */
    public Uni<Optional<CachedResult>> lookup(String key) {
        if (!coherence.enabled() || coherence.suspect() && !flushAll()) {
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

    /** Stores in the background when {@link CacheCoherence#mayStore} allows it. */
    public void store(String key, CachedResult result, CachePolicy.ReadPlan plan, long epochBefore) {
        if (!coherence.mayStore(new ConsistencyToken(result.timeline(), Lsn.parse(result.lsn())), plan, epochBefore)) {
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
        plan.tags().forEach(table -> tags.add(CacheCoherence.tag(table)));
        guard.response(() -> client.put(namespace, key, CacheTtl.wire(plan.ttl()), String.join(",", tags), apiKey, value))
                .subscribe().with(stored -> {
                }, failure -> LOG.debugf("cache store failed: %s", Credentials.redact(failure.getMessage())));
    }

    /**
     * Drops what a write touched ({@link CacheCoherence#afterWrite}). Completes when cache-service confirmed it; on
     * failure the cache turns suspect and the write is still acknowledged.
     *
     * @param committedAt the write's commit position: later stores of these tables need data at least this new
     */
    public Uni<Void> invalidate(Optional<Set<String>> tables, ConsistencyToken committedAt) {
        if (!coherence.enabled()) {
            return Uni.createFrom().voidItem();
        }
        CacheCoherence.Drop drop = coherence.afterWrite(tables, committedAt);
        if (drop.all()) {
            LOG.debugf("dropping every cached result: %s", drop.reason());
        }
        return send(drop);
    }

    private Uni<Void> send(CacheCoherence.Drop drop) {
        if (drop.tags().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return guard.response(() -> client.invalidate(namespace, apiKey, Map.of("tags", drop.tags())))
                .invoke(response -> {
                    if (degraded(response)) {
                        coherence.distrust();
                    }
                })
                .onFailure().invoke(failure -> {
                    LOG.warnf("cache invalidation failed; not reading the cache until it is flushed: %s",
                            Credentials.redact(failure.getMessage()));
                    coherence.distrust();
                })
                .replaceWithVoid()
                .onFailure().recoverWithNull();
    }

    /** Starts a flush of everything the router stored; returns false meanwhile so the caller skips the cache. */
    private boolean flushAll() {
        if (!flushing.compareAndSet(false, true)) {
            return false;
        }
        CacheCoherence.Drop drop = coherence.dropAll("flush after a failed invalidation");
        guard.response(() -> client.invalidate(namespace, apiKey, Map.of("tags", drop.tags())))
                .onTermination().invoke(() -> flushing.set(false))
                .subscribe().with(response -> {
                    if (!degraded(response)) {
                        coherence.trustAgain();
                        LOG.info("cache flushed after a failed invalidation; reading it again");
                    }
                }, failure -> LOG.debugf("cache flush failed: %s", Credentials.redact(failure.getMessage())));
        return false;
    }

    private static boolean degraded(Response response) {
        return "true".equalsIgnoreCase(response.getHeaderString("X-Cache-Degraded"));
    }

    boolean suspect() {
        return coherence.suspect();
    }
}
