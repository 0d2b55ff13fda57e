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
 */
public record Classification(Route route, String reason, Set<String> tables, Optional<Refusal> refusal, int statements,
        boolean plainDml) {

    public Classification {
        tables = Set.copyOf(tables);
    }

    Classification(Route route, String reason, Set<String> tables, Optional<Refusal> refusal) {
        this(route, reason, tables, refusal, 1, false);
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
        return new Classification(route, reason, tables, refusal, count, allPlainDmlOrReads && route == Route.PRIMARY);
    }

    Classification asPlainDml() {
        return new Classification(route, reason, tables, refusal, statements, true);
    }

    /** A read is what a replica may run: the only kind of statement a read-only API key may send. */
    public boolean isRead() {
        return route == Route.REPLICA;
    }

    Classification withReason(String newReason) {
        return new Classification(route, newReason, tables, refusal, statements, plainDml);
    }
}
