package io.perfsuite.router.query;

import io.perfsuite.router.problem.ProblemException;
import io.perfsuite.router.redaction.Credentials;
import io.vertx.pgclient.PgException;

/** Reads what a Vert.x or PostgreSQL failure says: the node or the statement, and the problem the client gets. */
final class DatabaseFailures {

    private DatabaseFailures() {
    }

    /** The node could not be reached or dropped the connection: nothing about the statement itself. */
    static boolean isConnectionFailure(Throwable failure) {
        if (isParameterMismatch(failure)) {
            return false;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PgException pg) {
                // shutting down, crashed or refusing connections: the node, not the statement
                String state = pg.getSqlState() == null ? "" : pg.getSqlState();
                return state.startsWith("57P") || state.startsWith("08");
            }
            if (cause instanceof ProblemException) {
                return false;
            }
            if (cause instanceof java.io.IOException || cause instanceof io.vertx.core.VertxException
                    || cause instanceof io.vertx.core.impl.NoStackTraceThrowable) {
                return true;
            }
        }
        return false;
    }

    /** Vert.x checks parameter types against what PostgreSQL inferred before sending; it says so in words only. */
    private static boolean isParameterMismatch(Throwable failure) {
        String message = failure.getMessage();
        return message != null && message.startsWith("Parameter at position") && message.contains("coerced");
    }

    /**
     * Vert.x fails a pool acquisition with a stackless "Timeout" (PoolImpl) or "Timeout waiting for connection".
     */
    static boolean isAcquireTimeout(Throwable failure) {
        return (failure instanceof io.vertx.core.impl.NoStackTraceThrowable
                || failure instanceof io.vertx.core.VertxException)
                && ("Timeout".equals(failure.getMessage())
                        || "Timeout waiting for connection".equals(failure.getMessage()));
    }

    static boolean isWaitQueueFull(Throwable failure) {
        return failure instanceof io.vertx.core.http.ConnectionPoolTooBusyException;
    }

    /** PostgreSQL's code, empty when the failure was not PostgreSQL's answer. */
    static String sqlState(Throwable failure) {
        return failure instanceof PgException pg && pg.getSqlState() != null ? pg.getSqlState() : "";
    }

    static String message(Throwable failure) {
        return failure.getMessage() == null ? failure.getClass().getSimpleName() : Credentials.redact(failure.getMessage());
    }

    /**
     * PostgreSQL's refusals keep their SQLSTATE; parameter binding errors name the parameters.
     *
     * @param field the request field the statement came from, null for {@code sql}
     */
    static Throwable asProblem(Throwable failure, String field) {
        if (failure instanceof ProblemException) {
            return failure;
        }
        if (failure instanceof PgException pg) {
            String state = pg.getSqlState() == null ? "" : pg.getSqlState();
            String detail = "PostgreSQL refused the statement: " + pg.getErrorMessage()
                    + (field == null ? "" : " (" + field + ")");
            if (state.equals("57014")) {
                return ProblemException.database(504, "statement-timeout", detail, state);
            }
            if (state.startsWith("23")) {
                return ProblemException.database(409, "constraint-violation", detail, state);
            }
            if (state.equals("40001") || state.equals("40P01")) {
                return ProblemException.database(409, "serialization-failure", detail + "; retry the request", state);
            }
            if (state.equals("25006") || state.equals("42501")) {
                return ProblemException.database(403, "read-only", detail, state);
            }
            if (state.startsWith("08") || state.startsWith("53") || state.startsWith("57P")) {
                return ProblemException.database(503, "node-unavailable", detail, state);
            }
            return ProblemException.database(400, "statement-rejected", detail, state);
        }
        if (isParameterMismatch(failure) || failure instanceof IllegalArgumentException
                || failure instanceof ClassCastException) {
            // Vert.x refuses a parameter whose Java type does not fit the type PostgreSQL inferred
            java.util.regex.Matcher position = java.util.regex.Pattern.compile("position\\[(\\d+)]")
                    .matcher(message(failure));
            String param = (field == null ? "params" : field.replace(".sql", ".params"))
                    + (position.find() ? "[" + position.group(1) + "]" : "");
            return ProblemException.invalid(param, "type", "a parameter does not fit its column: " + message(failure));
        }
        return failure;
    }

    static ProblemException tooManyRows(int maxRows, int seen, boolean write) {
        String size = write
                ? "the write was committed, but it returns " + seen + " rows, more than maxRows=" + maxRows
                : "the result has more than maxRows=" + maxRows + " rows (reading stopped at row " + seen + ")";
        return ProblemException.field(422, "Unprocessable Content", "too-many-rows", "maxRows", "max",
                size + "; add a LIMIT or raise maxRows (up to the configured router.query.max-rows)");
    }
}
