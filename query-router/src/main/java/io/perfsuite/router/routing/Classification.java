package io.perfsuite.router.routing;

import java.util.Optional;
import java.util.Set;

/**
 * The classifier's verdict for one SQL string (all of its statements together).
 *
 * @param route where it must run
 * @param reason why, in words an operator can act on
 * @param tables every table the SQL names, lower-cased as PostgreSQL folds unquoted names; the cache tags reads with
 *        them and writes invalidate them
 * @param refusal present when the SQL cannot run as one stateless request
 * @param statements how many statements the string holds (several need the simple query protocol)
 * @param plainDml true for INSERT, UPDATE, DELETE and MERGE, whose written tables the parser names (triggers aside);
 *        for other writes (functions, DO, CALL...) the tables written are unknown
 * @param opaqueReads a read that calls a user-defined function, which may read tables the SQL does not name: its
 *        result cannot be tagged with everything it depends on, so it is never cached
 * @param unknownFunctions it calls a function the catalog does not know (perhaps created since it was loaded): the
 *        route may change once the catalog is read again
 */
public record Classification(Route route, String reason, Set<String> tables, Optional<Refusal> refusal, int statements,
        boolean plainDml, boolean opaqueReads, boolean unknownFunctions) {

    public Classification {
        tables = Set.copyOf(tables);
    }

    public Classification(Route route, String reason, Set<String> tables, Optional<Refusal> refusal, int statements,
            boolean plainDml, boolean opaqueReads) {
        this(route, reason, tables, refusal, statements, plainDml, opaqueReads, false);
    }

    Classification(Route route, String reason, Set<String> tables, Optional<Refusal> refusal) {
        this(route, reason, tables, refusal, 1, false, false);
    }

    Classification(Route route, String reason, Set<String> tables, Optional<Refusal> refusal, int statements,
            boolean plainDml) {
        this(route, reason, tables, refusal, statements, plainDml, false);
    }

    static Classification primary(String reason, Set<String> tables) {
        return new Classification(Route.PRIMARY, reason, tables, Optional.empty());
    }

    static Classification replica(String reason, Set<String> tables) {
        return new Classification(Route.REPLICA, reason, tables, Optional.empty());
    }

    static Classification refused(String reason, Refusal refusal) {
        return new Classification(Route.PRIMARY, reason, Set.of(), Optional.of(refusal));
    }

    Classification withStatements(int count, boolean allPlainDmlOrReads) {
        return new Classification(route, reason, tables, refusal, count, allPlainDmlOrReads && route == Route.PRIMARY,
                opaqueReads, unknownFunctions);
    }

    Classification asPlainDml() {
        return new Classification(route, reason, tables, refusal, statements, true, opaqueReads, unknownFunctions);
    }

    Classification withOpaqueReads(boolean opaque) {
        return new Classification(route, reason, tables, refusal, statements, plainDml, opaque, unknownFunctions);
    }

    /** A read is what a replica may run: the only kind of statement a read-only API key may send. */
    public boolean isRead() {
        return route == Route.REPLICA;
    }

    Classification withReason(String newReason) {
        return new Classification(route, newReason, tables, refusal, statements, plainDml, opaqueReads,
                unknownFunctions);
    }

    Classification withUnknownFunctions(boolean unknown) {
        return unknown == unknownFunctions
                ? this
                : new Classification(route, reason, tables, refusal, statements, plainDml, opaqueReads, unknown);
    }
}
