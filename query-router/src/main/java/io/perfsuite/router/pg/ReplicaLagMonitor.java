package io.perfsuite.router.pg;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.perfsuite.router.config.RouterConfig;
import io.perfsuite.router.consistency.Lsn;
import io.perfsuite.router.consistency.ReplicaState;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Row;

/**
 * Samples every node several times a second: the primary's WAL write position and timeline, each replica's replay
 * position, its replay timestamp and its timeline. Lag in bytes is the primary's position minus the replay position;
 * lag in time is an upper bound on how old the oldest unreplayed change can be: the smaller of "now minus the last
 * replayed commit's timestamp" and "now minus the last sample at which the replica had replayed everything" (the
 * first alone overstates lag after an idle period, when the last commit is old).
 */
@Startup
@ApplicationScoped
public class ReplicaLagMonitor {

    private static final Logger LOG = Logger.getLogger(ReplicaLagMonitor.class);

    private static final String PRIMARY_SAMPLE = "SELECT pg_is_in_recovery(), "
            + "CASE WHEN pg_is_in_recovery() THEN NULL ELSE pg_current_wal_lsn()::text END, "
            + "(SELECT timeline_id FROM pg_control_checkpoint())";
    private static final String REPLICA_SAMPLE = "SELECT pg_is_in_recovery(), "
            + "COALESCE(pg_last_wal_replay_lsn(), '0/0')::text, "
            + "COALESCE(pg_last_wal_receive_lsn(), '0/0')::text, "
            + "COALESCE((extract(epoch FROM clock_timestamp() - pg_last_xact_replay_timestamp()) * 1000)::bigint, 0), "
            + "(SELECT timeline_id FROM pg_control_checkpoint())";

    private final NodePools pools;
    private final Vertx vertx;
    private final Clock clock;
    private final Duration interval;
    private final Duration timeout;
    private final Map<String, NodeStatus> statuses = new LinkedHashMap<>();
    private final AtomicBoolean sampling = new AtomicBoolean();
    private long timerId = -1;

    ReplicaLagMonitor(NodePools pools, Vertx vertx, Clock clock, RouterConfig config) {
        this.pools = pools;
        this.vertx = vertx;
        this.clock = clock;
        this.interval = config.lag().interval();
        this.timeout = config.health().timeout();
        pools.all().forEach(node -> statuses.put(node.name(), new NodeStatus(node)));
    }

    @PostConstruct
    void start() {
        timerId = vertx.setPeriodic(interval.toMillis(), ignored -> sampleOnce().subscribe().with(done -> {
        }, failure -> LOG.debugf("lag sample failed: %s", failure.getMessage())));
    }

    @PreDestroy
    void stop() {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    public NodeStatus primary() {
        return statuses.get(pools.primary().name());
    }

    public NodeStatus status(String name) {
        return statuses.get(name);
    }

    public List<NodeStatus> all() {
        return List.copyOf(statuses.values());
    }

    public List<NodeStatus> replicas() {
        return pools.replicas().stream().map(node -> statuses.get(node.name())).toList();
    }

    /** Snapshot for the selector: healthy means answering and still a standby. */
    public List<ReplicaState> replicaStates() {
        List<ReplicaState> states = new ArrayList<>();
        for (NodeStatus status : replicas()) {
            states.add(new ReplicaState(status.name(), status.up() && status.inRecovery(), status.lsn(),
                    status.timeline(), status.lagBytes(), status.lagMillis(), status.lastCheck(),
                    status.outstanding()));
        }
        return states;
    }

    /** Samples all nodes once (the primary first, so replicas are compared with a position read before them). */
    public Uni<Void> sampleOnce() {
        if (!sampling.compareAndSet(false, true)) {
            return Uni.createFrom().voidItem();
        }
        Instant primaryAt = clock.instant();
        return samplePrimary(primaryAt)
                .chain(() -> Uni.join().all(replicas().stream().map(status -> sampleReplica(status, primaryAt)).toList())
                        .andCollectFailures())
                .replaceWithVoid()
                .onFailure().recoverWithNull()
                .onTermination().invoke(() -> sampling.set(false));
    }

    private Uni<Void> samplePrimary(Instant at) {
        NodeStatus status = primary();
        return status.node().probe().query(PRIMARY_SAMPLE).execute()
                .ifNoItem().after(timeout).failWith(() -> new IllegalStateException("no answer within " + timeout))
                .invoke(rows -> {
                    Row row = rows.iterator().next();
                    boolean inRecovery = row.getBoolean(0);
                    Lsn lsn = inRecovery ? Lsn.ZERO : Lsn.parse(row.getString(1));
                    status.sampled(inRecovery, lsn, row.getInteger(2), 0, 0, at);
                })
                .onFailure().invoke(failure -> markFailed(status, failure))
                .replaceWithVoid()
                .onFailure().recoverWithNull();
    }

    private Uni<Void> sampleReplica(NodeStatus status, Instant primaryAt) {
        NodeStatus primary = primary();
        return status.node().probe().query(REPLICA_SAMPLE).execute()
                .ifNoItem().after(timeout).failWith(() -> new IllegalStateException("no answer within " + timeout))
                .invoke(rows -> {
                    Row row = rows.iterator().next();
                    Instant now = clock.instant();
                    Lsn replay = Lsn.parse(row.getString(1));
                    Lsn receive = Lsn.parse(row.getString(2));
                    boolean primaryFresh = primary.up() && primary.lastCheck().equals(primaryAt);
                    long lagBytes = primaryFresh ? primary.lsn().bytesAfter(replay) : receive.bytesAfter(replay);
                    if (primaryFresh && lagBytes == 0) {
                        status.caughtUpAt(primaryAt);
                    }
                    long lagMillis = 0;
                    if (lagBytes > 0) {
                        long sinceCaughtUp = Duration.between(status.lastCaughtUp(), now).toMillis();
                        lagMillis = Math.max(0, Math.min(row.getLong(3), sinceCaughtUp));
                    }
                    status.sampled(row.getBoolean(0), replay, row.getInteger(4), lagBytes, lagMillis, now);
                })
                .onFailure().invoke(failure -> markFailed(status, failure))
                .replaceWithVoid()
                .onFailure().recoverWithNull();
    }

    private void markFailed(NodeStatus status, Throwable failure) {
        if (status.up()) {
            LOG.warnf("node %s stopped answering: %s", status.name(), failure.getMessage());
        }
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        status.failed(message, clock.instant());
    }
}
