package io.perfsuite.router.cache.policy;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides which reads are cached (per request or per table rule) and what a write invalidates.
 * <p>
 * The rule that keeps it sound: a read is cached only when every relation it depends on is known, and a write drops
 * every relation it may have changed. What a write may change is its own tables, followed through views, partitions
 * and inheritance, cascading foreign keys and the dependencies the operator declared; a table with a user trigger or
 * rule whose writes were not declared makes the write drop everything, since the trigger's body can write anything.
 */
public final class CachePolicy {

    /** A read to cache: for how long, and the relations to tag it with. */
    public record ReadPlan(Duration ttl, Set<String> tags) {
    }

    /** What a write drops: everything, or the results tagged with these relations. */
    public record Invalidation(boolean all, Set<String> tags, String reason) {

        static Invalidation everything(String reason) {
            return new Invalidation(true, Set.of(), reason);
        }
    }

    private final Map<String, Duration> tableTtls;
    private final Map<String, Set<String>> declaredWrites;
    private final TableCatalog catalog;

    /**
     * @param tableTtls per-table rules ({@code schema.table} → ttl): reads of only ruled tables are cached without a
     *        per-request cacheTtl, for the shortest ttl among them
     * @param declaredWrites {@code schema.table} → the tables its triggers or rules write, as the operator declares
     */
    public CachePolicy(Map<String, Duration> tableTtls, Map<String, Set<String>> declaredWrites, TableCatalog catalog) {
        this.tableTtls = Map.copyOf(tableTtls);
        this.declaredWrites = Map.copyOf(declaredWrites);
        this.catalog = catalog;
    }

    public CachePolicy withCatalog(TableCatalog newCatalog) {
        return new CachePolicy(tableTtls, declaredWrites, newCatalog);
    }

    public TableCatalog catalog() {
        return catalog;
    }

    public boolean hasTableRules() {
        return !tableTtls.isEmpty();
    }

    /**
     * @param tables the relations the SQL names (as the classifier reports them)
     * @param requested the request's cacheTtl, which wins over table rules when present
     * @return empty when the read is not to be cached: no request ttl and a table without a rule, or a relation the
     *         catalog does not know (so its dependencies are unknown)
     */
    public Optional<ReadPlan> read(Set<String> tables, Optional<Duration> requested) {
        if (tables.isEmpty() && requested.isEmpty()) {
            return Optional.empty();
        }
        Set<String> tags = new TreeSet<>();
        Duration ttl = requested.orElse(null);
        for (String name : tables) {
            Optional<TableCatalog.Relation> relation = catalog.resolve(name);
            if (relation.isEmpty()) {
                return Optional.empty();
            }
            if (requested.isEmpty()) {
                Duration rule = tableTtls.get(relation.get().name());
                if (rule == null) {
                    return Optional.empty();
                }
                ttl = ttl == null || rule.compareTo(ttl) < 0 ? rule : ttl;
            }
            if (!addViewClosure(relation.get(), tags)) {
                return Optional.empty();
            }
        }
        return ttl == null || ttl.isZero() || ttl.isNegative() ? Optional.empty() : Optional.of(new ReadPlan(ttl, tags));
    }

    /** A view reads what its query names, recursively; false when one of those is unknown. */
    private boolean addViewClosure(TableCatalog.Relation start, Set<String> tags) {
        Deque<TableCatalog.Relation> pending = new ArrayDeque<>();
        pending.add(start);
        while (!pending.isEmpty()) {
            TableCatalog.Relation relation = pending.poll();
            if (!tags.add(relation.name()) || !relation.view()) {
                continue;
            }
            for (String read : relation.reads()) {
                Optional<TableCatalog.Relation> next = catalog.get(read);
                if (next.isEmpty()) {
                    return false;
                }
                pending.add(next.get());
            }
        }
        return true;
    }

    /**
     * @param tables the tables the write names, or empty when they are not known (a function, DO, CALL...)
     */
    public Invalidation write(Optional<Set<String>> tables) {
        if (tables.isEmpty()) {
            return Invalidation.everything("the tables written are not known from the SQL");
        }
        Set<String> changed = new TreeSet<>();
        Deque<TableCatalog.Relation> pending = new ArrayDeque<>();
        for (String name : tables.get()) {
            Optional<TableCatalog.Relation> relation = catalog.resolve(name);
            if (relation.isEmpty()) {
                return Invalidation.everything(name + " is not in the catalog snapshot");
            }
            pending.add(relation.get());
        }
        Set<String> seen = new HashSet<>();
        while (!pending.isEmpty()) {
            TableCatalog.Relation relation = pending.poll();
            if (!seen.add(relation.name())) {
                continue;
            }
            changed.add(relation.name());
            Set<String> declared = declaredWrites.get(relation.name());
            if (relation.writesElsewhere() && declared == null) {
                return Invalidation.everything(relation.name()
                        + " has triggers or rules whose writes are not declared in router.cache.invalidation-dependencies");
            }
            Set<String> next = new HashSet<>(relation.inheritance());
            next.addAll(relation.cascadesTo());
            // a write through a view writes the tables under it
            next.addAll(relation.reads());
            if (declared != null) {
                next.addAll(declared);
            }
            for (String name : next) {
                Optional<TableCatalog.Relation> found = catalog.get(name);
                if (found.isEmpty()) {
                    // a declared table the catalog does not have (yet): tag it anyway, it may be created later
                    changed.add(name);
                } else {
                    pending.add(found.get());
                }
            }
        }
        return new Invalidation(false, changed, "tables written: " + String.join(", ", changed));
    }
}
