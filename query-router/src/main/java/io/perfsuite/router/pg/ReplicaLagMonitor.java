package io.perfsuite.router.pg;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.perfsuite.router.breaker.CircuitBreaker;
import io.perfsuite.router.config.RouterConfig;
import io.perfsuite.router.consistency.Lsn;
import io.perfsuite.router.consistency.ReplicaState;
import io.perfsuite.router.consistency.WriterElection;
import io.perfsuite.router.redaction.Credentials;
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

    /**
     * The same sample on every node, whatever its role: a standby reports its replay position, a writable node its
     * write position and its timeline from the current WAL file name (pg_control_checkpoint() lags a promotion until
     * the next checkpoint).
     */
    private static final String NODE_SAMPLE = "SELECT pg_is_in_recovery(), "
            + "(CASE WHEN pg_is_in_recovery() THEN COALESCE(pg_last_wal_replay_lsn(), '0/0') "
            + "ELSE pg_current_wal_lsn() END)::text, "
            + "COALESCE(pg_last_wal_receive_lsn(), '0/0')::text, "
            + "COALESCE((extract(epoch FROM clock_timestamp() - pg_last_xact_replay_timestamp()) * 1000)::bigint, 0), "
            + "CASE WHEN pg_is_in_recovery() THEN (SELECT timeline_id FROM pg_control_checkpoint()) "
            + "ELSE ('x' || substr(pg_walfile_name(pg_current_wal_lsn()), 1, 8))::bit(32)::int END";

    private final NodePools pools;
    private final Vertx vertx;
    private final Clock clock;
    private final Duration interval;
    private final Duration timeout;
    private final Map<String, NodeStatus> statuses = new LinkedHashMap<>();
    private final AtomicBoolean sampling = new AtomicBoolean();
    /** The node writes go to: the configured primary until the samples say otherwise. */
    private volatile String writer;
    private volatile String noWriterReason;
    private volatile int highestTimeline;
    private long timerId = -1;

    ReplicaLagMonitor(NodePools pools, Vertx vertx, Clock clock, RouterConfig config) {
        this.pools = pools;
        this.vertx = vertx;
        this.clock = clock;
        this.interval = config.lag().interval();
        this.timeout = config.health().timeout();
        CircuitBreaker.Settings breaker = new CircuitBreaker.Settings(config.breaker().failureThreshold(),
                config.breaker().openBase(), config.breaker().openMax(), config.breaker().halfOpenSuccesses());
        pools.all().forEach(node -> statuses.put(node.name(), new NodeStatus(node, new CircuitBreaker(breaker, clock))));
        this.writer = pools.primary().name();
    }

    @PostConstruct
    void start() {
        timerId = vertx.setPeriodic(interval.toMillis(), ignored -> sampleOnce().subscribe().with(done -> {
        }, failure -> LOG.debugf("lag sample failed: %s", Credentials.redact(failure.getMessage()))));
    }

    @PreDestroy
    void stop() {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    /** The node writes go to (the configured primary, or the node that was promoted in its place). */
    public NodeStatus primary() {
        return statuses.get(writer);
    }

    /** Why no node takes writes now (none writable, two writable, one left behind by a failover), or empty. */
    public Optional<String> noWriter() {
        return Optional.ofNullable(noWriterReason);
    }

    public NodeStatus status(String name) {
        return statuses.get(name);
    }

    public List<NodeStatus> all() {
        return List.copyOf(statuses.values());
    }

    /** Every node but the writer: the standbys reads may go to. */
    public List<NodeStatus> replicas() {
        String current = writer;
        return statuses.values().stream().filter(status -> !status.name().equals(current)).toList();
    }

    /** Snapshot for the selector: healthy means answering, still a standby, and its breaker closed. */
    public List<ReplicaState> replicaStates() {
        // once per routed read: a plain loop over the map, no stream or intermediate list
        String current = writer;
        List<ReplicaState> states = new ArrayList<>(statuses.size());
        for (NodeStatus status : statuses.values()) {
            if (status.name().equals(current)) {
                continue;
            }
            states.add(new ReplicaState(status.name(),
                    status.up() && status.inRecovery() && status.breaker().allowsTraffic(), status.lsn(),
                    status.timeline(), status.lagBytes(), status.lagMillis(), status.lastCheck(),
                    status.outstanding()));
        }
        return states;
    }

    /**
     * Samples all nodes once: the writer first, so standbys are compared with a position read before theirs, then
     * the others; then decides again which node takes writes.
     */
    public Uni<Void> sampleOnce() {
        if (!sampling.compareAndSet(false, true)) {
            return Uni.createFrom().voidItem();
        }
        NodeStatus first = primary();
        Instant writerAt = clock.instant();
        return sample(first, null, writerAt)
                .chain(() -> Uni.join().all(replicas().stream().map(status -> sample(status, first, writerAt)).toList())
                        .andCollectFailures())
                .replaceWithVoid()
                .onFailure().recoverWithNull()
                .invoke(this::electWriter)
                .onTermination().invoke(() -> sampling.set(false));
    }

    private void electWriter() {
        List<WriterElection.Candidate> candidates = statuses.values().stream()
                .map(status -> new WriterElection.Candidate(status.name(), status.up(), status.inRecovery(),
                        status.timeline()))
                .toList();
        WriterElection.Outcome outcome = WriterElection.elect(candidates, highestTimeline);
        highestTimeline = Math.max(highestTimeline, outcome.timeline());
        if (outcome.writer().isPresent()) {
            String elected = outcome.writer().get();
            if (!elected.equals(writer)) {
                LOG.warnf("writes now go to %s: %s", elected, outcome.reason());
            }
            writer = elected;
            noWriterReason = null;
        } else {
            if (noWriterReason == null) {
                LOG.warnf("no node takes writes: %s", outcome.reason());
            }
            noWriterReason = outcome.reason();
        }
    }

    /** @param writer the writer sampled just before, to measure a standby's lag against; null for the writer */
    private Uni<Void> sample(NodeStatus status, NodeStatus writer, Instant writerAt) {
        return status.node().probe().query(NODE_SAMPLE).execute()
                .ifNoItem().after(timeout).failWith(() -> new IllegalStateException("no answer within " + timeout))
                .invoke(rows -> {
                    Row row = rows.iterator().next();
                    Instant now = writer == null ? writerAt : clock.instant();
                    boolean inRecovery = row.getBoolean(0);
                    Lsn position = Lsn.parse(row.getString(1));
                    if (!inRecovery) {
                        status.sampled(false, position, row.getInteger(4), 0, 0, now);
                        return;
                    }
                    Lsn receive = Lsn.parse(row.getString(2));
                    boolean writerFresh = writer != null && writer.up() && !writer.inRecovery()
                            && writer.lastCheck().equals(writerAt);
                    long lagBytes = writerFresh ? writer.lsn().bytesAfter(position) : receive.bytesAfter(position);
                    if (writerFresh && lagBytes == 0) {
                        status.caughtUpAt(writerAt);
                    }
                    long lagMillis = 0;
                    if (lagBytes > 0) {
                        long sinceCaughtUp = Duration.between(status.lastCaughtUp(), now).toMillis();
                        lagMillis = Math.max(0, Math.min(row.getLong(3), sinceCaughtUp));
                    }
                    status.sampled(true, position, row.getInteger(4), lagBytes, lagMillis, now);
                })
                .onFailure().invoke(failure -> markFailed(status, failure))
                .replaceWithVoid()
                .onFailure().recoverWithNull();
    }

    private void markFailed(NodeStatus status, Throwable failure) {
        if (status.up()) {
            LOG.warnf("node %s stopped answering: %s", status.name(), Credentials.redact(failure.getMessage()));
        }
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        status.failed(message, clock.instant());
    }
}
