package io.perfsuite.router.execution;

/**
 * How a statement runs on the node it was sent to.
 *
 * @param onPrimary it runs on the writer
 * @param readOnly inside {@code SET TRANSACTION READ ONLY}, so a statement that writes is refused (25006) instead of
 *        committing unseen by the result cache
 * @param token the response carries the primary's WAL position read on the same connection after the statement:
 *        a later read-your-writes read with it sees at least what this statement saw or wrote
 * @param write it may have written: its tables are invalidated in the result cache before the response leaves, and
 *        its result is never cached
 */
public record Placement(boolean onPrimary, boolean readOnly, boolean token, boolean write) {

    private static final Placement REPLICA_READ = new Placement(false, false, false, false);
    private static final Placement PRIMARY_READ = new Placement(true, true, true, false);
    private static final Placement WRITE = new Placement(true, false, true, true);
    private static final Placement READER_WRITE = new Placement(true, true, true, true);

    /** A read on a replica: the replica refuses writes by itself, and the request's own token is echoed. */
    public static Placement replicaRead() {
        return REPLICA_READ;
    }

    /**
     * A read the classifier sent to a replica that runs on the primary instead (strong consistency, no replica in
     * rotation, none fresh enough, the token not replayed in time, the replica failing under it). It stands in for a
     * replica read, so it keeps a replica's refusal of writes (read only, a 25006 is retried as a write), and it
     * reads the primary, so it gets the primary's token like a write: the data it returned may be newer than any
     * replica, and a client on an old timeline's token moves on to the current one.
     */
    public static Placement primaryRead() {
        return PRIMARY_READ;
    }

    /** A statement the classifier sent to the primary; a read-only key's runs read only and fails if it writes. */
    public static Placement write(boolean readOnlyKey) {
        return readOnlyKey ? READER_WRITE : WRITE;
    }

    /** Shared, pipelined connections take only autocommit reads with nothing to read after them. */
    public boolean mayShare() {
        return !readOnly && !token && !write;
    }
}
