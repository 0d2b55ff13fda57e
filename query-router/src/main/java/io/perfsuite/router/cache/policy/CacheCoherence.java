package io.perfsuite.router.cache.policy;

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

import io.perfsuite.router.consistency.ConsistencyToken;
import io.perfsuite.router.consistency.Lsn;
import io.perfsuite.router.routing.Classification;

/**
 * What this router knows about the result cache's freshness, and the decisions taken from it; the client adapter
 * ({@code cache.ResultCache}) only makes the calls. Every entry is tagged with the tables it read and with
 * {@value #ALL_TAG}.
 * <p>
 * Three rules keep a client from seeing a cached result older than its own acknowledged write: the write drops its
 * tables' tags before it is acknowledged; a result is only stored if no drop touching its tables happened in this
 * router while the query ran (a local epoch per tag), so a slow read cannot put back what a write just dropped; and a
 * result is only stored if its data is at least as new as the last write this router acknowledged on its tables, so a
 * read on a lagging replica cannot put back the rows a write replaced. While a drop could not be confirmed the cache
 * is suspect: not read and not written until a drop of {@value #ALL_TAG} succeeds. With several router instances both
 * checks are per instance: a read on one racing a write on another can store a stale entry for at most its cacheTtl.
 * <p>
 * Thread-safe: the hot path reads it from every event loop.
 */
public final class CacheCoherence {

    public static final String ALL_TAG = "qr-all";

    /**
     * Tags to drop in cache-service.
     *
     * @param all every entry this router stored goes ({@value #ALL_TAG})
     * @param reason why, for the log
     */
    public record Drop(List<String> tags, boolean all, String reason) {
    }

    private final boolean enabled;
    private volatile CachePolicy policy;
    // per tag, the commit position of the last write this router acknowledged on it (bounded by the tables written)
    private final Map<String, ConsistencyToken> writtenAt = new ConcurrentHashMap<>();
    private final AtomicReference<ConsistencyToken> allWrittenAt = new AtomicReference<>(new ConsistencyToken(0, Lsn.ZERO));
    private final AtomicLong globalEpoch = new AtomicLong();
    private final Map<String, AtomicLong> tagEpochs = new ConcurrentHashMap<>();
    private final AtomicBoolean suspect = new AtomicBoolean();
    /** Bumped when a statement may have changed the schema; the catalog is trusted again once reloaded after it. */
    private final AtomicLong schemaChanges = new AtomicLong();
    private volatile long catalogCoversChanges;

    /**
     * @param enabled router.cache.enabled: when false nothing is cached, looked up or dropped
     * @param policy the table rules and declared dependencies, with the catalog known so far
     */
    public CacheCoherence(boolean enabled, CachePolicy policy) {
        this.enabled = enabled;
        this.policy = policy;
    }

    public boolean enabled() {
        return enabled;
    }

    /** Cheap first check on the read path: whether this request could be cached at all. */
    public boolean mayCache(Long requestedTtl) {
        return enabled && (requestedTtl != null ? requestedTtl > 0 : policy.hasTableRules());
    }

    /**
     * How to cache a read.
     *
     * @param plan for how long and under which tags, or empty when it is not cached
     * @param unknownTable it reads a table the catalog snapshot does not hold yet: worth a reload, it may have been
     *        created since
     */
    public record ReadChoice(Optional<CachePolicy.ReadPlan> plan, boolean unknownTable) {

        static final ReadChoice NOT_CACHED = new ReadChoice(Optional.empty(), false);
    }

    /**
     * The request's cacheTtl or the table rules, and the relations to tag the result with. Reads calling user
     * functions (which may read unnamed tables) and reads while the catalog may be out of date are not cached.
     */
    public ReadChoice planRead(Classification classification, Long requestedTtl) {
        if (!mayCache(requestedTtl) || classification.opaqueReads() || !catalogCurrent()) {
            return ReadChoice.NOT_CACHED;
        }
        CachePolicy current = policy;
        Optional<CachePolicy.ReadPlan> plan = current.read(classification.tables(),
                Optional.ofNullable(requestedTtl).map(Duration::ofSeconds));
        boolean unknown = plan.isEmpty()
                && classification.tables().stream().anyMatch(table -> current.catalog().resolve(table).isEmpty());
        return plan.isEmpty() && !unknown ? ReadChoice.NOT_CACHED : new ReadChoice(plan, unknown);
    }

    /** A statement that may have changed the schema ran: until the catalog is reloaded, do not trust it. */
    public long schemaMayHaveChanged() {
        return schemaChanges.incrementAndGet();
    }

    public long schemaChanges() {
        return schemaChanges.get();
    }

    public boolean catalogCurrent() {
        return policy.catalog().loaded() && catalogCoversChanges >= schemaChanges.get();
    }

    /**
     * Takes a fresh catalog snapshot. The entries stored under a different previous one (whose dependencies may have
     * changed) are all to go: the returned drop, or empty when the catalog did not change.
     */
    public Optional<Drop> replaceCatalog(TableCatalog catalog) {
        CachePolicy previous = policy;
        boolean changed = previous.catalog().loaded() && !previous.catalog().equals(catalog);
        policy = previous.withCatalog(catalog);
        return changed ? Optional.of(dropAll("the table catalog changed")) : Optional.empty();
    }

    /** The snapshot taken covers schema changes up to {@code changes}: once dropped what it requires, trust it. */
    public void catalogCovers(long changes) {
        catalogCoversChanges = Math.max(catalogCoversChanges, changes);
    }

    /** Sum of the epochs that a drop of these tables would bump: any such drop changes it. */
    public long epoch(Set<String> tables) {
        long sum = globalEpoch.get();
        for (String table : tables) {
            AtomicLong epoch = tagEpochs.get(tag(table));
            sum += epoch == null ? 0 : epoch.get();
        }
        return sum;
    }

    /**
     * A result may be stored unless a drop of its tables happened since {@code epochBefore}, or the data predates a
     * write on them that this router acknowledged, or the cache or catalog cannot be trusted now.
     *
     * @param data the position the result's data is at least as new as
     */
    public boolean mayStore(ConsistencyToken data, CachePolicy.ReadPlan plan, long epochBefore) {
        Set<String> tables = plan.tags();
        return enabled && !suspect.get() && epoch(tables) == epochBefore && catalogCurrent()
                && !olderThanAcknowledgedWrites(data, tables);
    }

    /**
     * What a write drops: its tables' tags (followed through the catalog), or everything when they are not known or
     * the catalog may be out of date. Records the write's commit position, so later stores of these tables need data
     * at least this new, and bumps their epochs, so reads running now do not store.
     */
    public Drop afterWrite(Optional<Set<String>> tables, ConsistencyToken committedAt) {
        CachePolicy.Invalidation invalidation = catalogCurrent()
                ? policy.write(tables)
                : new CachePolicy.Invalidation(true, Set.of(), "the catalog may be out of date");
        if (invalidation.all()) {
            allWrittenAt.accumulateAndGet(committedAt, CacheCoherence::later);
            return dropAll(invalidation.reason());
        }
        List<String> tags = new ArrayList<>();
        for (String table : invalidation.tags()) {
            String tag = tag(table);
            tags.add(tag);
            writtenAt.merge(tag, committedAt, CacheCoherence::later);
            tagEpochs.computeIfAbsent(tag, ignored -> new AtomicLong()).incrementAndGet();
        }
        return new Drop(List.copyOf(tags), false, invalidation.reason());
    }

    /** Every entry goes: bumps the global epoch so no read running now stores. */
    public Drop dropAll(String reason) {
        globalEpoch.incrementAndGet();
        return new Drop(List.of(ALL_TAG), true, reason);
    }

    /** A drop could not be confirmed (or cache-service said it is degraded): stop reading and writing the cache. */
    public void distrust() {
        suspect.set(true);
    }

    /** A drop of everything succeeded: the cache holds nothing older than this router's writes. */
    public void trustAgain() {
        suspect.set(false);
    }

    public boolean suspect() {
        return suspect.get();
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
    static boolean atLeast(ConsistencyToken data, ConsistencyToken written) {
        if (data.timeline() != written.timeline()) {
            return data.timeline() > written.timeline();
        }
        return data.lsn().isAtLeast(written.lsn());
    }

    private static ConsistencyToken later(ConsistencyToken a, ConsistencyToken b) {
        return atLeast(a, b) ? a : b;
    }

    /** cache-service tags are 1-128 visible ASCII characters without commas; odd table names are hashed. */
    public static String tag(String table) {
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
}
