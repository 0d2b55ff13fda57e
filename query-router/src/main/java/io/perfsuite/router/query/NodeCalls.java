package io.perfsuite.router.query;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.perfsuite.router.config.RouterConfig;
import io.perfsuite.router.consistency.ConsistencyToken;
import io.perfsuite.router.consistency.Lsn;
import io.perfsuite.router.execution.ReplayWait;
import io.perfsuite.router.execution.ResponseToken;
import io.perfsuite.router.observability.RouterMetrics;
import io.perfsuite.router.pg.NodeStatus;
import io.perfsuite.router.pg.ReplicaLagMonitor;
import io.perfsuite.router.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * The calls to a node that the query and stream paths share, and the failures they turn into: the token read after a
 * statement, a cancel on timeout, the wait for a replica to replay a token, the primary's availability, a saturated
 * pool.
 */
@ApplicationScoped
class NodeCalls {

    private final ReplicaLagMonitor monitor;
    private final RouterConfig config;
    private final RouterMetrics metrics;
    private final Clock clock;

    NodeCalls(ReplicaLagMonitor monitor, RouterConfig config, RouterMetrics metrics, Clock clock) {
        this.monitor = monitor;
        this.config = config;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Fails with a 503 when the primary is known to be unable to take the statement. */
    void requirePrimary(NodeStatus primary) {
        boolean checked = !primary.lastCheck().equals(Instant.EPOCH);
        if (checked && !primary.up()) {
            throw ProblemException.unavailable("the primary is down (" + primary.error()
                    + "); reads with eventual or bounded consistency still run on replicas", config.primary().retryAfter());
        }
        Optional<String> noWriter = monitor.noWriter();
        if (checked && noWriter.isPresent()) {
            throw ProblemException.unavailable("no node takes writes: " + noWriter.get(), config.primary().retryAfter());
        }
        if (checked && primary.inRecovery()) {
            throw ProblemException.unavailable("the primary is in recovery (a standby); writes wait for a "
                    + "writable primary", config.primary().retryAfter());
        }
    }

    /** The primary unreachable is a 503 with Retry-After, and marks it failed. */
    Throwable primaryFailure(NodeStatus primary, Throwable failure) {
        if (DatabaseFailures.isConnectionFailure(failure)) {
            primary.failed(DatabaseFailures.message(failure), clock.instant());
            return ProblemException.unavailable("the primary is unreachable: " + DatabaseFailures.message(failure),
                    config.primary().retryAfter());
        }
        return failure;
    }

    /** A replica that failed under a read: out of the rotation until its probes succeed. */
    void replicaFailed(NodeStatus replica, Throwable failure) {
        replica.failed(DatabaseFailures.message(failure), clock.instant());
    }

    /**
     * No pool connection within router.pool.acquire-timeout, or the wait queue full: the node is busy, not broken,
     * so this is a 503 of its own that neither trips the breaker nor moves the read elsewhere.
     */
    Throwable poolExhausted(String node, Throwable failure) {
        boolean timedOut = DatabaseFailures.isAcquireTimeout(failure);
        boolean queueFull = DatabaseFailures.isWaitQueueFull(failure);
        if (!timedOut && !queueFull) {
            return failure;
        }
        metrics.poolExhausted(node, timedOut);
        return ProblemException.unavailable("no connection to " + node + " was free within router.pool.acquire-timeout="
                + config.pool().acquireTimeout().toMillis() + " ms" + (queueFull ? " (wait queue full)" : "")
                + "; the node is saturated, retry later", config.primary().retryAfter());
    }

    <T> Uni<T> cancel(SqlConnection connection, String node, Duration timeout) {
        return PgConnection.cast(connection).cancelRequest().onFailure().recoverWithNull()
                .chain(() -> Uni.createFrom().failure(timedOut(node, timeout)));
    }

    ProblemException timedOut(String node, Duration timeout) {
        metrics.timedOut(node);
        return ProblemException.database(504, "statement-timeout",
                "the statement ran longer than timeoutMs=" + timeout.toMillis() + " and was cancelled", "57014");
    }

    /** The commit's WAL position: read after the statement (autocommit) or COMMIT on the same connection. */
    Uni<String> token(SqlConnection connection) {
        return connection.query(ResponseToken.query(monitor.primary().timeline())).execute().map(rows -> {
            Row row = rows.iterator().next();
            return new ConsistencyToken(row.getInteger(1), Lsn.parse(row.getString(0))).encode();
        });
    }

    /**
     * Waits up to router.consistency.ryw-wait for the replica to replay the token, asking it directly (a lag sample
     * may be up to one interval old), pausing as {@link ReplayWait} says between checks. Null when it did not make it.
     */
    Uni<String> awaitReplay(String replica, ConsistencyToken token) {
        return awaitReplay(replica, token, System.nanoTime() + config.consistency().rywWait().toNanos(), 0);
    }

    private Uni<String> awaitReplay(String replica, ConsistencyToken token, long deadline, int attempt) {
        NodeStatus status = monitor.status(replica);
        return status.node().pool().query("SELECT COALESCE(pg_last_wal_replay_lsn(), '0/0')::text").execute()
                .map(rows -> Lsn.parse(rows.iterator().next().getString(0)).isAtLeast(token.lsn()))
                .onFailure().recoverWithItem(false)
                .chain(replayed -> {
                    if (replayed) {
                        return Uni.createFrom().item(replica);
                    }
                    Optional<Duration> pause = ReplayWait.pauseAfter(attempt, deadline - System.nanoTime());
                    if (pause.isEmpty()) {
                        return Uni.createFrom().nullItem();
                    }
                    return Uni.createFrom().voidItem().onItem().delayIt().by(pause.get())
                            .chain(() -> awaitReplay(replica, token, deadline, attempt + 1));
                });
    }
}
