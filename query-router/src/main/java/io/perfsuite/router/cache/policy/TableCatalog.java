package io.perfsuite.router.cache.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A snapshot of the relations a cached result can depend on, keyed by {@code schema.name} (identifiers as stored in
 * the catalog, unquoted).
 *
 * @param searchPath the schemas an unqualified name is looked up in, in order ({@code current_schemas(true)} of the
 *        router's role)
 * @param relations every table, view, materialized view, partitioned and foreign table
 */
public record TableCatalog(List<String> searchPath, Map<String, Relation> relations) {

    /**
     * @param name {@code schema.name}
     * @param view a plain view: a read of it is a read of {@code reads}, a write through it writes them
     * @param reads for a view, the relations its query names; empty otherwise
     * @param inheritance direct parents and children (partitions, INHERITS): a row written through one is seen
     *        through the others
     * @param cascadesTo tables whose foreign keys to this one cascade (ON DELETE/UPDATE CASCADE, SET NULL, SET
     *        DEFAULT): a write here writes them
     * @param writesElsewhere has a user trigger or a non-SELECT rule, whose writes the catalog cannot tell
     */
    public record Relation(String name, boolean view, Set<String> reads, Set<String> inheritance,
            Set<String> cascadesTo, boolean writesElsewhere) {

        public Relation {
            reads = Set.copyOf(reads);
            inheritance = Set.copyOf(inheritance);
            cascadesTo = Set.copyOf(cascadesTo);
        }
    }

    public TableCatalog {
        searchPath = List.copyOf(searchPath);
        relations = Map.copyOf(relations);
    }

    /** Before the first load: nothing resolves, so nothing is cached and every write drops everything. */
    public static TableCatalog empty() {
        return new TableCatalog(List.of(), Map.of());
    }

    public boolean loaded() {
        return !relations.isEmpty();
    }

    /**
     * The relation a name written in SQL refers to, as the classifier reports it ({@code t}, {@code s.t} or
     * {@code db.s.t}, already case-folded), or empty when the snapshot does not know it.
     */
    public Optional<Relation> resolve(String name) {
        List<String> parts = parts(name);
        if (parts.size() == 1) {
            for (String schema : searchPath) {
                Relation relation = relations.get(schema + "." + parts.get(0));
                if (relation != null) {
                    return Optional.of(relation);
                }
            }
            return Optional.empty();
        }
        int n = parts.size();
        return Optional.ofNullable(relations.get(parts.get(n - 2) + "." + parts.get(n - 1)));
    }

    public Optional<Relation> get(String qualifiedName) {
        return Optional.ofNullable(relations.get(qualifiedName));
    }

    /** Splits on dots outside double quotes (the classifier already removed the quotes of quoted parts). */
    private static List<String> parts(String name) {
        List<String> parts = new ArrayList<>();
        for (String part : name.split("\\.")) {
            parts.add(part);
        }
        return parts.size() > 3 ? List.of(name) : parts;
    }
}
