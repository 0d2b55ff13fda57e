package io.perfsuite.router.execution;

/** What a failed statement leaves to do: nothing (the failure is the answer) or one retry on the primary. */
public enum Recovery {
    /** The failure goes back to the client as a problem. */
    NONE,
    /** The statement wrote although the classifier called it a read: run it again as a write. */
    RETRY_AS_WRITE,
    /** The node could not run it for reasons of its own: run it on the primary as a read. */
    RETRY_AS_PRIMARY_READ,
    /** As {@link #RETRY_AS_PRIMARY_READ}, and the replica is marked failed (its connection broke). */
    MARK_FAILED_AND_RETRY_AS_PRIMARY_READ;

    static final String READ_ONLY_VIOLATION = "25006";
    static final String UNDEFINED_FUNCTION = "42883";

    /**
     * After a read failed on a replica.
     *
     * @param sqlState PostgreSQL's code, empty when the failure was not PostgreSQL's answer
     * @param connectionFailure the replica was unreachable or dropped the connection
     */
    public static Recovery afterReplicaFailure(String sqlState, boolean connectionFailure) {
        if (READ_ONLY_VIOLATION.equals(sqlState)) {
            return RETRY_AS_WRITE;
        }
        if (UNDEFINED_FUNCTION.equals(sqlState)) {
            // the catalog came from the primary: a function created there may not be replayed here yet
            return RETRY_AS_PRIMARY_READ;
        }
        return connectionFailure ? MARK_FAILED_AND_RETRY_AS_PRIMARY_READ : NONE;
    }

    /**
     * After a replica's read failed on the primary, where it runs read only.
     *
     * @param readOnlyKey a read-only key may not write: its 25006 is the answer (403)
     */
    public static Recovery afterPrimaryReadFailure(String sqlState, boolean readOnlyKey) {
        return READ_ONLY_VIOLATION.equals(sqlState) && !readOnlyKey ? RETRY_AS_WRITE : NONE;
    }

    /**
     * After a streamed read failed on a replica. Before the stream started a replica gone is left for the primary,
     * like any read; once the header went out the client has this replica's snapshot and the failure ends the stream.
     */
    public static Recovery afterStreamFailure(boolean started, boolean connectionFailure) {
        return !started && connectionFailure ? MARK_FAILED_AND_RETRY_AS_PRIMARY_READ : NONE;
    }
}
