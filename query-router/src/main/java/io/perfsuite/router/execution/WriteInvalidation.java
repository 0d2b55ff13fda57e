package io.perfsuite.router.execution;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import io.perfsuite.router.routing.Classification;

/**
 * What a statement or transaction that may have written must drop from the result cache before it is acknowledged.
 *
 * @param needed it may have written: something must be dropped
 * @param tables the tables it wrote, or empty when they are not known from the SQL (functions, DO, CALL, DDL, a
 *        "read" that wrote): then every cached result goes
 */
public record WriteInvalidation(boolean needed, Optional<Set<String>> tables) {

    private static final WriteInvalidation NONE = new WriteInvalidation(false, Optional.empty());

    public static WriteInvalidation none() {
        return NONE;
    }

    /**
     * @param wrote the statement ran as a write ({@link Placement#write()})
     * @param misrouted it ran as a write after a replica or a READ ONLY transaction refused it: the classifier's
     *        tables cannot be trusted for it
     */
    public static WriteInvalidation afterStatement(Classification classification, boolean wrote, boolean misrouted) {
        if (!wrote) {
            return NONE;
        }
        return new WriteInvalidation(true, classification.plainDml() && !misrouted
                ? Optional.of(classification.tables())
                : Optional.empty());
    }

    /**
     * A transaction drops the tables of all its statements (its reads' too: cheap, and the set stays simple), or
     * everything when one of its writes is not plain DML. A transaction of reads only drops nothing.
     */
    public static WriteInvalidation afterTransaction(List<Classification> statements) {
        boolean writes = false;
        boolean known = true;
        Set<String> tables = new TreeSet<>();
        for (Classification statement : statements) {
            writes |= !statement.isRead();
            known &= statement.isRead() || statement.plainDml();
            tables.addAll(statement.tables());
        }
        if (!writes) {
            return NONE;
        }
        return new WriteInvalidation(true, known ? Optional.of(Set.copyOf(tables)) : Optional.empty());
    }

    /**
     * Tables not known may mean DDL (a new trigger, view or foreign key changes what later writes must drop): the
     * table catalog is to be reloaded before the cache trusts it again.
     */
    public boolean schemaMayHaveChanged() {
        return needed && tables.isEmpty();
    }
}
