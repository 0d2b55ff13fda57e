package io.perfsuite.cache.tier;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.perfsuite.cache.entry.CacheEntry;
import io.perfsuite.cache.entry.EntryCodec;
import io.perfsuite.cache.freshness.Freshness;
import io.perfsuite.cache.freshness.Lifetime;
import io.perfsuite.cache.freshness.XFetch;
import io.perfsuite.cache.hotkeys.HotKeySampler;
import io.perfsuite.cache.load.FinishedLoad;
import io.perfsuite.cache.load.SingleFlight;
import io.perfsuite.cache.namespace.Namespace;
import io.perfsuite.cache.origin.OriginClient;
import io.perfsuite.cache.origin.OriginResponse;
import io.perfsuite.cache.tiering.L1Decision;
import io.perfsuite.cache.tiering.L2Decision;
import io.perfsuite.cache.tiering.TagCheck;
import io.perfsuite.cache.tiering.WriteBack;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.Promise;

/**
 * The cache's read and write paths across L1, L2 and the origin. The decisions are pure classes with their own tests:
 * which tier answers and what a copy found there is worth ({@code tiering.L1Decision}, {@code L2Decision}), whether
 * tags are current ({@code TagCheck}), what L1 keeps of a write ({@code WriteBack}), freshness and early refresh
 * ({@code freshness}), sharing a load ({@code load.SingleFlight}, {@code FinishedLoad}); this class only sequences the
 * L1, Redis and origin calls they ask for.
 * <p>
 * L1 is filled only while the invalidation stream is up ({@code coherent}). While the stream is down L1 is not
 * trusted on its own: L2 answers, and L1 answers only when Redis is unreachable too, because then nothing can change
 * the data through Redis. The stream's reconnect flushes L1 before anything is filled again.
 */
public class TieredCache {

    /** The tier that answered a read. */
    public enum Tier {
        L1, L2, ORIGIN
    }

    /**
     * The outcome of a read. {@code entry} empty is a miss; {@code degraded} says Redis could not be used.
     */
    public record Lookup(Optional<CacheEntry> entry, Tier tier, boolean degraded) {
        static Lookup miss(Tier tier, boolean degraded) {
            return new Lookup(Optional.empty(), tier, degraded);
        }

        static Lookup hit(CacheEntry entry, Tier tier, boolean degraded) {
            return new Lookup(Optional.of(entry), tier, degraded);
        }
    }

    /** Marks an origin 404 remembered in L1. */
    static final String NOT_FOUND_TYPE = "application/x-perfsuite-not-found";

    private final LocalTier local;
    private final RedisTier redis;
    private final TagVersionCache tags;
    private final BooleanSupplier coherent;
    private final OriginClient origin;
    private final XFetch xfetch;
    private final Clock clock;
    private final CacheMetrics metrics;
    private final HotKeySampler hotKeys;
    private final SingleFlight<String, Optional<CacheEntry>> flights = new SingleFlight<>();
    /** The last origin load per key, so a reader that overlapped a load which just finished shares its result. */
    private final Cache<String, FinishedLoad<Optional<CacheEntry>>> recentLoads = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(Duration.ofSeconds(30))
            .build();
    private final Map<String, EntryCodec> codecs = new ConcurrentHashMap<>();

    public TieredCache(LocalTier local, RedisTier redis, TagVersionCache tags, BooleanSupplier coherent, OriginClient origin,
            XFetch xfetch, Clock clock, CacheMetrics metrics, HotKeySampler hotKeys) {
        this.local = local;
        this.redis = redis;
        this.tags = tags;
        this.coherent = coherent;
        this.origin = origin;
        this.xfetch = xfetch;
        this.clock = clock;
        this.metrics = metrics;
        this.hotKeys = hotKeys;
    }

    public SingleFlight<String, Optional<CacheEntry>> flights() {
        return flights;
    }

    // ---------------------------------------------------------------- reads

    public Uni<Lookup> get(Namespace ns, String key, boolean bypassL1) {
        return toUni(read(ns, key, bypassL1));
    }

    /**
     * The L1 copy if it is served at once (fresh, current, L1 trusted), counted and sampled like any read; null when
     * the read must take {@link #read}. The read endpoint's common case, answered without a future or a lookup.
     */
    public CacheEntry freshFromL1(Namespace ns, String key) {
        long started = System.nanoTime();
        CacheEntry cached = local.get(ns.name(), key);
        if (cached == null || !servesAtOnce(ns, key, cached)) {
            return null;
        }
        metrics.read(ns.name(), Tier.L1, true, System.nanoTime() - started);
        hotKeys.sample(ns.name(), key);
        return cached;
    }

    /** Whether Redis is in use now; a read answered without it is degraded. */
    public boolean redisAvailable() {
        return redis.available();
    }

    /**
     * {@link #get} on Vert.x futures, for the read endpoint. The common cases (a fresh L1 hit, an L2 hit with known
     * tags) complete without a reactive pipeline: at the rate reads arrive, each operator's context capture costs more
     * than the hit itself.
     */
    public Future<Lookup> read(Namespace ns, String key, boolean bypassL1) {
        long started = System.nanoTime();
        CacheEntry cached = bypassL1 ? null : local.get(ns.name(), key);
        Lookup fast = cached == null ? null : freshL1Hit(ns, key, cached);
        if (fast != null) {
            recordRead(ns, key, fast, started);
            return Future.succeededFuture(fast);
        }
        Future<Lookup> found = cached == null
                ? fromL2(ns, key, clock.instant(), null, null)
                : toFuture(lookup(ns, key, bypassL1));
        return found.andThen(done -> {
            if (done.succeeded()) {
                recordRead(ns, key, done.result(), started);
            }
        });
    }

    private void recordRead(Namespace ns, String key, Lookup found, long started) {
        metrics.read(ns.name(), found.tier(), found.entry().isPresent(), System.nanoTime() - started);
        if (found.entry().isPresent()) {
            hotKeys.sample(ns.name(), key);
        }
    }

    /** A fresh L1 entry that can be served with what this replica already knows, or null. */
    private Lookup freshL1Hit(Namespace ns, String key, CacheEntry cached) {
        return servesAtOnce(ns, key, cached) ? Lookup.hit(cached, Tier.L1, !redis.available()) : null;
    }

    /** Whether an L1 copy is served at once ({@link L1Decision#servesAtOnce}); starts an early refresh if due. */
    private boolean servesAtOnce(Namespace ns, String key, CacheEntry cached) {
        boolean coherentNow = coherent.getAsBoolean();
        boolean negative = NOT_FOUND_TYPE.equals(cached.contentType());
        if (!coherentNow || negative) {
            return false; // decided by the long way, without looking at tags or the clock
        }
        // tags the replica does not know yet count as not current here: the long way reads them or drops the entry
        boolean tagsKnownCurrent = cached.tagVersions().isEmpty() || tagsKnownCurrent(ns, cached);
        Instant now = clock.instant();
        if (!L1Decision.servesAtOnce(coherentNow, negative, tagsKnownCurrent, Freshness.of(cached, now))) {
            return false;
        }
        refreshEarlyIfDue(ns, key, cached, now);
        return true;
    }

    private boolean tagsKnownCurrent(Namespace ns, CacheEntry entry) {
        return TagCheck.of(entry.tagVersions(), tags.known(ns.name(), entry.tagVersions().keySet())) == TagCheck.CURRENT;
    }

    /**
     * Copies a key from L2 into L1 without asking the origin, for warm start. True when L1 now holds a fresh copy.
     */
    public Uni<Boolean> preload(Namespace ns, String key) {
        long epoch = local.epoch(ns.name());
        return redis.get(ns.name(), key, codec(ns))
                .chain(found -> found.isEmpty()
                        ? Uni.createFrom().item(false)
                        : tagsCurrent(ns, found.get()).map(current -> L2Decision.warms(current,
                                Freshness.of(found.get(), clock.instant())) && fillL1(ns, key, found.get(), epoch)));
    }

    private Uni<Lookup> lookup(Namespace ns, String key, boolean bypassL1) {
        Instant now = clock.instant();
        CacheEntry cached = bypassL1 ? null : local.get(ns.name(), key);
        if (cached == null) {
            return toUni(fromL2(ns, key, now, null, null));
        }
        if (!L1Decision.trusted(coherent.getAsBoolean(), redis.available())) {
            // L1 may have missed a write while Redis may be up: L2 decides (READ_L2_WITH_OUTAGE_FALLBACK)
            return toUni(fromL2(ns, key, now, null, cached));
        }
        return tagsCurrent(ns, cached).chain(current -> {
            L1Decision decision = L1Decision.forCopy(current, NOT_FOUND_TYPE.equals(cached.contentType()),
                    Freshness.of(cached, now), ns.readThrough());
            return switch (decision) {
                case DROP_AND_READ_L2 -> {
                    local.invalidate(ns.name(), key);
                    yield toUni(fromL2(ns, key, now, null, null));
                }
                case NEGATIVE_HIT -> Uni.createFrom().item(Lookup.miss(Tier.L1, false));
                case READ_L2 -> toUni(fromL2(ns, key, now, null, null));
                case SERVE -> {
                    refreshEarlyIfDue(ns, key, cached, now);
                    yield Uni.createFrom().item(Lookup.hit(cached, Tier.L1, !redis.available()));
                }
                case SERVE_STALE_AND_REFRESH -> {
                    metrics.staleServed(ns.name(), "revalidate");
                    refreshInBackground(ns, key);
                    yield Uni.createFrom().item(Lookup.hit(cached, Tier.L1, !redis.available()));
                }
                case READ_L2_WITH_STALE -> toUni(fromL2(ns, key, now, cached, null));
                case READ_L2_WITH_OUTAGE_FALLBACK -> toUni(fromL2(ns, key, now, null, cached));
            };
        }).onFailure(RedisUnavailableException.class).recoverWithUni(() -> toUni(fromL2(ns, key, now, null, cached)));
    }

    /**
     * @param staleCandidate an expired copy that may still be served if the origin fails
     * @param outageFallback the L1 copy to serve if Redis turns out to be unreachable
     */
    private Future<Lookup> fromL2(Namespace ns, String key, Instant now, CacheEntry staleCandidate,
            CacheEntry outageFallback) {
        long epoch = local.epoch(ns.name());
        return redis.read(ns.name(), key, codec(ns)).transform(read -> {
            if (read.failed()) {
                return toFuture(afterL2Failure(ns, key, now, staleCandidate, outageFallback, read.cause()));
            }
            Optional<CacheEntry> found = read.result();
            Lookup served = found.isEmpty() ? null : servableFromL2(ns, key, found.get(), now, epoch);
            if (served != null) {
                return Future.succeededFuture(served);
            }
            Uni<Optional<CacheEntry>> current = found.isEmpty()
                    ? Uni.createFrom().item(found)
                    : tagsCurrent(ns, found.get()).map(ok -> ok ? found : Optional.<CacheEntry>empty());
            return toFuture(current.chain(entry -> {
                if (entry.isEmpty()) {
                    return fromOrigin(ns, key, now, staleCandidate, Tier.L2, false);
                }
                Lookup hit = serveFromL2(ns, key, entry.get(), now, epoch);
                return hit != null ? Uni.createFrom().item(hit) : fromOrigin(ns, key, now, entry.get(), Tier.L2, false);
            }).onFailure(RedisUnavailableException.class)
                    .recoverWithUni(failure -> afterL2Failure(ns, key, now, staleCandidate, outageFallback, failure)));
        });
    }

    /**
     * The answer for an entry read from L2 when it can be served as it is (tags known current, fresh or servable
     * stale), filling L1 on the way; null when the long way must decide.
     */
    private Lookup servableFromL2(Namespace ns, String key, CacheEntry entry, Instant now, long epoch) {
        if (!entry.tagVersions().isEmpty() && !tagsKnownCurrent(ns, entry)) {
            return null;
        }
        return serveFromL2(ns, key, entry, now, epoch);
    }

    /** The answer for a current entry read from L2 if it is fresh or servable stale, or null. */
    private Lookup serveFromL2(Namespace ns, String key, CacheEntry entry, Instant now, long epoch) {
        switch (L2Decision.forEntry(Freshness.of(entry, now), ns.readThrough())) {
            case SERVE_AND_FILL -> {
                fillL1(ns, key, entry, epoch);
                refreshEarlyIfDue(ns, key, entry, now);
                return Lookup.hit(entry, Tier.L2, false);
            }
            case SERVE_STALE_FILL_AND_REFRESH -> {
                fillL1(ns, key, entry, epoch);
                metrics.staleServed(ns.name(), "revalidate");
                refreshInBackground(ns, key);
                return Lookup.hit(entry, Tier.L2, false);
            }
            default -> {
                return null;
            }
        }
    }

    private Uni<Lookup> afterL2Failure(Namespace ns, String key, Instant now, CacheEntry staleCandidate,
            CacheEntry outageFallback, Throwable failure) {
        if (!(failure instanceof RedisUnavailableException)) {
            return Uni.createFrom().failure(failure);
        }
        if (outageFallback != null && L2Decision.outageFallbackServes(NOT_FOUND_TYPE.equals(outageFallback.contentType()),
                Freshness.of(outageFallback, now))) {
            return Uni.createFrom().item(Lookup.hit(outageFallback, Tier.L1, true));
        }
        return fromOrigin(ns, key, now, staleCandidate != null ? staleCandidate : outageFallback, Tier.L1, true);
    }

    private Uni<Lookup> fromOrigin(Namespace ns, String key, Instant readerStarted, CacheEntry stale, Tier staleTier,
            boolean degraded) {
        if (!ns.readThrough()) {
            return Uni.createFrom().item(Lookup.miss(Tier.L2, degraded));
        }
        FinishedLoad<Optional<CacheEntry>> recent = recentLoads.getIfPresent(flightKey(ns, key));
        if (recent != null && recent.covers(readerStarted)) {
            // a load finished after this reader started: the reader overlapped it, so it shares its result
            metrics.sharedRecentLoad(ns.name());
            return Uni.createFrom().item(recent.result().map(e -> Lookup.hit(e, Tier.ORIGIN, degraded))
                    .orElse(Lookup.miss(Tier.ORIGIN, degraded)));
        }
        return Uni.createFrom().completionStage(() -> flights.load(flightKey(ns, key), () -> loadAndStore(ns, key)))
                .map(loaded -> loaded.map(e -> Lookup.hit(e, Tier.ORIGIN, degraded))
                        .orElse(Lookup.miss(Tier.ORIGIN, degraded)))
                .onFailure().recoverWithUni(failure -> {
                    if (stale != null && L2Decision.staleAnswersOriginFailure(Freshness.of(stale, clock.instant()))) {
                        metrics.staleServed(ns.name(), "origin-error");
                        return Uni.createFrom().item(Lookup.hit(stale, staleTier, degraded));
                    }
                    return Uni.createFrom().failure(failure);
                });
    }

    private CompletableFuture<Optional<CacheEntry>> loadAndStore(Namespace ns, String key) {
        Instant started = clock.instant();
        metrics.originLoad(ns.name());
        return origin.load(ns.originTemplate().orElseThrow(), key)
                .chain(response -> store(ns, key, response, started))
                .invoke(result -> recentLoads.put(flightKey(ns, key), new FinishedLoad<>(clock.instant(), result)))
                .subscribeAsCompletionStage();
    }

    private Uni<Optional<CacheEntry>> store(Namespace ns, String key, OriginResponse response, Instant started) {
        Instant now = clock.instant();
        long epoch = local.epoch(ns.name());
        if (!response.found()) {
            CacheEntry notFound = CacheEntry.builder(new byte[0], NOT_FOUND_TYPE, now)
                    .freshUntil(now.plus(ns.negativeTtl())).build();
            fillL1(ns, key, notFound, epoch);
            return Uni.createFrom().item(Optional.empty());
        }
        Duration computeTime = Duration.between(started, now);
        Optional<Lifetime> lifetime = ns.freshness().forOriginResponse(now, response.cacheControl());
        CacheEntry.Builder builder = CacheEntry.builder(response.body(), response.contentType(), now).computeTime(computeTime);
        if (lifetime.isEmpty()) {
            // not storable: hand it to the waiting readers only
            return Uni.createFrom().item(Optional.of(builder.freshUntil(now).build()));
        }
        CacheEntry entry = lifetime.get().applyTo(builder).build();
        return redis.set(ns.name(), key, entry, codec(ns))
                .onFailure(RedisUnavailableException.class).recoverWithNull()
                .map(ignored -> {
                    fillL1(ns, key, entry, epoch);
                    return Optional.of(entry);
                });
    }

    private void refreshEarlyIfDue(Namespace ns, String key, CacheEntry entry, Instant now) {
        if (ns.readThrough() && xfetch.shouldRefreshEarly(entry, now)) {
            metrics.earlyRefresh(ns.name());
            refreshInBackground(ns, key);
        }
    }

    private void refreshInBackground(Namespace ns, String key) {
        flights.load(flightKey(ns, key), () -> loadAndStore(ns, key));
    }

    private boolean fillL1(Namespace ns, String key, CacheEntry entry, long epoch) {
        return WriteBack.fillsAfterRead(coherent.getAsBoolean()) && local.fill(ns.name(), key, entry, epoch);
    }

    private Uni<Boolean> tagsCurrent(Namespace ns, CacheEntry entry) {
        TagCheck known = entry.tagVersions().isEmpty()
                ? TagCheck.CURRENT
                : TagCheck.of(entry.tagVersions(), tags.known(ns.name(), entry.tagVersions().keySet()));
        if (known != TagCheck.UNKNOWN) {
            return Uni.createFrom().item(known == TagCheck.CURRENT);
        }
        long epoch = local.epoch(ns.name());
        return redis.tagVersions(ns.name(), entry.tagVersions().keySet())
                .map(versions -> {
                    if (coherent.getAsBoolean()) {
                        rememberTagVersions(ns, versions, epoch);
                    }
                    return TagCheck.current(entry.tagVersions(), versions);
                });
    }

    /**
     * Keeps versions read from Redis unless an invalidation arrived since {@code epochBefore}: a newer version may
     * have been announced and forgotten already. The invalidation stream bumps the epoch before it forgets a tag, so
     * checking again after remembering catches one that raced with this.
     */
    private void rememberTagVersions(Namespace ns, Map<String, Long> versions, long epochBefore) {
        if (local.epoch(ns.name()) == epochBefore) {
            tags.remember(ns.name(), versions);
            if (local.epoch(ns.name()) == epochBefore) {
                return;
            }
        }
        versions.keySet().forEach(tag -> tags.forget(ns.name(), tag));
    }

    // ---------------------------------------------------------------- writes

    /**
     * Stores a value in L2, then (write-through) in L1. Without Redis the write is refused ({@link WriteRefusedException})
     * like a delete: a value kept in this replica's L1 alone is undone when Redis comes back with the old one (L1 is
     * flushed on recovery, other replicas never saw it). The old L1 copy is dropped either way.
     */
    public Uni<Void> put(Namespace ns, String key, byte[] value, String contentType, Optional<Duration> ttl,
            Set<String> entryTags) {
        Instant now = clock.instant();
        Lifetime lifetime = ns.freshness().forWrite(now, ttl);
        // the old copy goes first, and reads that started before this write may no longer fill L1
        long epoch = local.invalidate(ns.name(), key);
        return redis.tagVersions(ns.name(), entryTags).chain(versions -> {
            CacheEntry entry = lifetime.applyTo(CacheEntry.builder(value, contentType, now)).tagVersions(versions).build();
            return redis.set(ns.name(), key, entry, codec(ns)).invoke(() -> {
                switch (WriteBack.after(ns.writeMode(), coherent.getAsBoolean())) {
                    case FILL_OWN_WRITE -> local.fillOwnWrite(ns.name(), key, entry, epoch);
                    case DROP -> local.invalidate(ns.name(), key);
                }
            });
        }).onFailure(RedisUnavailableException.class).transform(failure -> refused("write", failure));
    }

    /**
     * Deletes in Redis, then in L1. Without Redis the delete is refused ({@link WriteRefusedException}): answering it
     * from L1 alone would be undone when Redis comes back with the value. L1 drops its copy either way, which never
     * serves anything wrong.
     */
    public Uni<Void> delete(Namespace ns, String key) {
        return redis.delete(ns.name(), key)
                .onFailure(RedisUnavailableException.class).transform(failure -> {
                    local.invalidate(ns.name(), key);
                    return refused("delete", failure);
                })
                .invoke(() -> local.invalidate(ns.name(), key));
    }

    private WriteRefusedException refused(String what, Throwable failure) {
        return new WriteRefusedException("Redis is unavailable, so the " + what + " was not done; retry", redis.retryAfter(),
                failure);
    }

    /** Moves the tags' versions in Redis; refused like {@link #delete} without Redis (L1 drops the tagged entries). */
    public Uni<Void> invalidateTags(Namespace ns, Collection<String> invalidated) {
        long epoch = local.epoch(ns.name());
        return redis.bumpTags(ns.name(), invalidated)
                .invoke(versions -> {
                    rememberTagVersions(ns, versions, epoch);
                    // reads in flight may have checked the old versions: they must not fill L1
                    local.bumpEpoch(ns.name());
                })
                .replaceWithVoid()
                .onFailure(RedisUnavailableException.class).transform(failure -> {
                    // a part of the INCRs may have landed: they only make entries invalid, which is safe
                    Set<String> gone = Set.copyOf(invalidated);
                    local.invalidateIf(ns.name(), e -> e.getValue().tagVersions().keySet().stream().anyMatch(gone::contains));
                    return refused("tag invalidation", failure);
                });
    }

    /** Deletes every key with the prefix in Redis; refused like {@link #delete} without Redis. */
    public Uni<Void> invalidatePrefix(Namespace ns, String prefix) {
        return redis.deletePrefix(ns.name(), prefix)
                .replaceWithVoid()
                .onFailure(RedisUnavailableException.class).transform(failure -> {
                    local.invalidateIf(ns.name(), e -> e.getKey().startsWith(prefix));
                    return refused("prefix invalidation", failure);
                })
                .invoke(() -> local.invalidateIf(ns.name(), e -> e.getKey().startsWith(prefix)));
    }

    private static <T> Future<T> toFuture(Uni<T> uni) {
        Promise<T> promise = Promise.promise();
        uni.subscribe().with(promise::complete, promise::fail);
        return promise.future();
    }

    private static <T> Uni<T> toUni(Future<T> future) {
        return Uni.createFrom().emitter(emitter -> future.onComplete(done -> {
            if (done.succeeded()) {
                emitter.complete(done.result());
            } else {
                emitter.fail(done.cause());
            }
        }));
    }

    private EntryCodec codec(Namespace ns) {
        return codecs.computeIfAbsent(ns.name(), n -> new EntryCodec(ns.compressionThreshold()));
    }

    private static String flightKey(Namespace ns, String key) {
        return ns.name() + '\u0000' + key;
    }
}
