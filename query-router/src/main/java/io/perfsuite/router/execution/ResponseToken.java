package io.perfsuite.router.execution;

import java.util.Optional;

import io.perfsuite.router.consistency.ConsistencyToken;

/**
 * The consistency token a response carries. A statement that ran on the primary ({@link Placement#token()}) answers
 * with the primary's WAL position read after it: a later read-your-writes read with it sees what this one saw or
 * wrote, and a client holding an old timeline's token moves on to the current one. Everything else (replica reads,
 * cached results) hands the request's own token back: it read nothing newer that the client could rely on.
 */
public final class ResponseToken {

    private ResponseToken() {
    }

    /**
     * @param readOnPrimary the token read on the primary's connection after the statement, or null when none was
     * @return the encoded token, or null when there is none to give
     */
    public static String answer(String readOnPrimary, Optional<ConsistencyToken> requested) {
        return readOnPrimary != null ? readOnPrimary : echoed(requested);
    }

    /** The request's own token, encoded, or null. */
    public static String echoed(Optional<ConsistencyToken> requested) {
        return requested.map(ConsistencyToken::encode).orElse(null);
    }

    /**
     * The statement that reads the token on the same connection. The timeline is asked of PostgreSQL only until the
     * lag monitor knows it: {@code pg_control_checkpoint()} costs a read of the control file.
     *
     * @param knownTimeline the primary's timeline as last sampled, 0 when not sampled yet
     */
    public static String query(int knownTimeline) {
        return knownTimeline > 0
                ? "SELECT pg_current_wal_insert_lsn()::text, " + knownTimeline
                : "SELECT pg_current_wal_insert_lsn()::text, (SELECT timeline_id FROM pg_control_checkpoint())";
    }
}
