package io.perfsuite.router.pg;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.jboss.logging.Logger;

import io.netty.channel.EventLoop;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.perfsuite.router.pipelining.LaneChoice;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.impl.VertxInternal;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Cursor;
import io.vertx.sqlclient.PreparedStatement;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import io.vertx.sqlclient.impl.SocketConnectionBase;
import io.vertx.sqlclient.impl.SqlConnectionBase;

/**
 * Autocommit reads of one node share a few connections per event loop ("lanes"), several statements in flight on
 * each (protocol pipelining): PostgreSQL finds the next statement already waiting when it finishes one, so neither
 * side sleeps and wakes up per statement, which on a loaded host costs more than the statement itself.
 *
 * <p>Sharing changes three things, each handled here. A read asks for at most {@code limit} rows (Execute with a row
 * count, one round trip): a longer result stops at the server without a cancel request, which on a shared connection
 * could hit a neighbour's statement. A read that runs past its timeout fails with {@link TimedOut} and its lane is
 * retired (cancel, close): the neighbours queued behind it fail with {@link Retired}, and the caller runs them again
 * on a connection of their own. Timeouts are found by a sweep every {@value #SWEEP_MILLIS} ms while reads are in
 * flight, not by a timer per read: setting and cancelling one per statement cost 2 % of an event loop. A read that
 * would queue behind a stalled statement is declined ({@code null}) and runs on a connection of its own from the
 * start.
 *
 * <p>Lanes belong to one event loop and are only touched from its thread, so they need no locks.
 */
public final class PipelinedReads {

    private static final Logger LOG = Logger.getLogger(PipelinedReads.class);
    private static final int STATEMENTS_PER_LANE = 256;
    // how often an event loop looks for reads past their timeout: the precision of a timeout on a shared connection
    private static final long SWEEP_MILLIS = 10;

    /** The rows of a read, and whether the statement had more than were asked for. */
    public record Read(RowSet<Row> rows, boolean more) {
    }

    /** The read ran longer than its timeout; the statement was cancelled with its lane. */
    public static final class TimedOut extends RuntimeException {
        TimedOut() {
            super("the statement ran past its timeout", null, false, false);
        }
    }

    /** The read's lane was retired under it (a neighbour timed out): nothing is known about the read itself. */
    public static final class Retired extends RuntimeException {
        Retired(Throwable cause) {
            super("the shared connection was retired", cause, false, false);
        }
    }

    private final VertxInternal vertx;
    private final PgConnectOptions options;
    private final int lanesPerLoop;
    private final int depth;
    private final long stallNanos;
    private final Map<EventLoop, Lanes> byLoop = new ConcurrentHashMap<>();
    private volatile boolean closed;
    private final LongAdder declined = new LongAdder();
    private final LongAdder retirements = new LongAdder();
    private final LongAdder reruns = new LongAdder();
    private final LongAdder unconsolidated = new LongAdder();

    public PipelinedReads(Vertx vertx, PgConnectOptions options, int lanesPerLoop, int depth, Duration stallAfter) {
        this.vertx = (VertxInternal) vertx;
        this.options = options;
        this.lanesPerLoop = lanesPerLoop;
        this.depth = depth;
        this.stallNanos = stallAfter.toNanos();
    }

    /**
     * Runs a read on a shared connection of the caller's event loop, or returns {@code null} when it is better off on
     * a connection of its own (sharing off, every lane busy or stalled, or not called from an event loop).
     */
    public Future<Read> read(String sql, Tuple params, int limit, Duration timeout) {
        if (lanesPerLoop == 0 || closed) {
            return null;
        }
        ContextInternal caller = vertx.getOrCreateContext();
        EventLoop loop = caller.nettyEventLoop();
        if (!loop.inEventLoop()) {
            return null;
        }
        Lanes lanes = byLoop.computeIfAbsent(loop, l -> new Lanes(vertx.createEventLoopContext(l, null,
                Thread.currentThread().getContextClassLoader())));
        Lane lane = lanes.choose();
        if (lane == null) {
            declined.increment();
            return null;
        }
        return lane.run(caller, sql, params, limit, timeout);
    }

    /** Statements in flight on shared connections, all event loops together (a gauge). */
    public int inFlight() {
        int total = 0;
        for (Lanes lanes : byLoop.values()) {
            total += lanes.inFlight;
        }
        return total;
    }

    /** Open shared connections, all event loops together (a gauge). */
    public int connections() {
        int total = 0;
        for (Lanes lanes : byLoop.values()) {
            total += lanes.openCount;
        }
        return total;
    }

    /** Reads sent to a connection of their own because every lane was busy or stalled (a counter). */
    public long declined() {
        return declined.sum();
    }

    /** Shared connections closed under statements: a timeout, a closed connection or shutdown (a counter). */
    public long retirements() {
        return retirements.sum();
    }

    /** Reads run again on a connection of their own because their lane was retired under them (a counter). */
    public long reruns() {
        return reruns.sum();
    }

    /** Shared connections opened that flush every statement on its own: the client's socket was out of reach. */
    public long unconsolidated() {
        return unconsolidated.sum();
    }

    public void close() {
        closed = true;
        byLoop.values().forEach(lanes -> lanes.context.runOnContext(v -> List.copyOf(lanes.open).forEach(Lane::retire)));
    }

    private final class Lanes {
        private final ContextInternal context;
        private final List<Lane> open = new ArrayList<>();
        // retired lanes whose reads have not all finished: their deadlines still count
        private final List<Lane> retiring = new ArrayList<>();
        // written on the event loop only; volatile so the metrics scrape thread sees current values
        private volatile int inFlight;
        private volatile int openCount;
        private boolean sweeping;

        Lanes(ContextInternal context) {
            this.context = context;
        }

        /** A read started: make sure someone watches its deadline. */
        void watch() {
            if (!sweeping) {
                sweeping = true;
                context.setPeriodic(SWEEP_MILLIS, this::sweep);
            }
        }

        /** Fails the reads past their deadline (retiring their lanes); stops once nothing is in flight. */
        private void sweep(long timerId) {
            long now = System.nanoTime();
            // copies: failing a read runs its caller's callbacks, which may open or retire lanes
            for (Lane lane : List.copyOf(open)) {
                lane.expire(now);
            }
            for (Lane lane : List.copyOf(retiring)) {
                lane.expire(now);
            }
            retiring.removeIf(lane -> lane.started.isEmpty());
            if (inFlight == 0) {
                vertx.cancelTimer(timerId);
                sweeping = false;
            }
        }

        Lane choose() {
            int[] counts = new int[open.size()];
            long[] oldest = new long[open.size()];
            long now = System.nanoTime();
            for (int i = 0; i < counts.length; i++) {
                Lane lane = open.get(i);
                counts[i] = lane.started.size();
                oldest[i] = lane.started.isEmpty() ? 0 : now - lane.started.peekFirst().start;
            }
            int choice = LaneChoice.choose(counts, oldest, lanesPerLoop, depth, stallNanos);
            if (choice == LaneChoice.DECLINE) {
                return null;
            }
            if (choice == LaneChoice.OPEN) {
                Lane lane = new Lane(this);
                open.add(lane);
                openCount = open.size();
                return lane;
            }
            return open.get(choice);
        }
    }

    private final class Lane {
        private final Lanes owner;
        private final ArrayDeque<InFlight> started = new ArrayDeque<>();
        private final Map<String, PreparedStatement> statements = new LinkedHashMap<>(64, 0.75f, true);
        private Future<PgConnection> connection;
        private boolean retired;

        Lane(Lanes owner) {
            this.owner = owner;
        }

        Future<Read> run(ContextInternal caller, String sql, Tuple params, int limit, Duration timeout) {
            Promise<Read> outcome = caller.promise();
            long start = System.nanoTime();
            InFlight read = new InFlight(start, start + timeout.toNanos(), outcome);
            started.addLast(read);
            owner.inFlight++;
            owner.watch();
            connection().compose(pg -> attempt(pg, sql, params, limit, true)).onComplete(done -> {
                started.removeFirstOccurrence(read);
                owner.inFlight--;
                if (done.succeeded()) {
                    outcome.tryComplete(done.result());
                } else if (retired && !outcome.future().isComplete()) {
                    reruns.increment();
                    outcome.tryFail(new Retired(done.cause()));
                } else {
                    if (connection.failed()) {
                        retire();
                    }
                    outcome.tryFail(done.cause());
                }
            });
            return outcome.future();
        }

        /** Fails the reads past their deadline; one of them is enough to retire the lane. */
        void expire(long now) {
            List<InFlight> late = new ArrayList<>();
            for (InFlight read : started) {
                if (now - read.deadline >= 0 && !read.outcome.future().isComplete()) {
                    late.add(read);
                }
            }
            if (late.isEmpty()) {
                return;
            }
            // the statement keeps the server busy and holds up everything queued behind it; retired first, so
            // callers that react to the failure by reading again get another lane
            retire();
            for (InFlight read : late) {
                read.outcome.tryFail(new TimedOut());
            }
        }

        private Future<Read> attempt(PgConnection pg, String sql, Tuple params, int limit, boolean firstTry) {
            return prepared(pg, sql).compose(statement -> {
                Cursor cursor = statement.cursor(params);
                return cursor.read(limit).map(rows -> new Read(rows, cursor.hasMore()));
            }).recover(failure -> {
                if (!isStalePlan(failure)) {
                    return Future.failedFuture(failure);
                }
                // DDL changed the columns under a statement prepared earlier: prepare it again, once
                PreparedStatement stale = statements.remove(sql);
                if (stale != null) {
                    stale.close();
                }
                return firstTry && !retired ? attempt(pg, sql, params, limit, false) : Future.failedFuture(failure);
            });
        }

        private Future<PgConnection> connection() {
            if (connection == null) {
                Promise<PgConnection> connected = owner.context.promise();
                // bound to the event loop's own context, so every statement on it stays on this thread
                owner.context.emit(null, v -> PgConnection.connect(vertx, options).onComplete(connected));
                connection = connected.future().onSuccess(pg -> {
                    pg.closeHandler(v -> retire());
                    if (!consolidateFlushes(pg)) {
                        unconsolidated.increment();
                        LOG.warnf("no flush consolidation on a shared connection to %s: one write per statement",
                                options.getHost());
                    }
                });
            }
            return connection;
        }

        /**
         * The reads of one event-loop turn (every HTTP request that turn parsed) leave in one write instead of a
         * socket write each, and PostgreSQL reads them in one go: fewer system calls on both sides. Needs the
         * client's socket, which Vert.x does not expose as API; without it the lane works as before, a flush per
         * statement.
         */
        private static boolean consolidateFlushes(PgConnection pg) {
            if (pg instanceof SqlConnectionBase<?> base && base.unwrap() instanceof SocketConnectionBase socket) {
                socket.socket().channelHandlerContext().pipeline().addFirst(new FlushConsolidationHandler(
                        FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, true));
                return true;
            }
            return false;
        }

        private Future<PreparedStatement> prepared(PgConnection pg, String sql) {
            PreparedStatement known = statements.get(sql);
            if (known != null) {
                return Future.succeededFuture(known);
            }
            return pg.prepare(sql).onSuccess(statement -> {
                statements.put(sql, statement);
                if (statements.size() > STATEMENTS_PER_LANE) {
                    Map.Entry<String, PreparedStatement> eldest = statements.entrySet().iterator().next();
                    statements.remove(eldest.getKey());
                    eldest.getValue().close();
                }
            });
        }

        /** Takes the lane out of use: no new reads, the running statement cancelled, the connection closed. */
        void retire() {
            if (retired) {
                return;
            }
            retired = true;
            retirements.increment();
            owner.open.remove(this);
            owner.openCount = owner.open.size();
            if (!started.isEmpty()) {
                owner.retiring.add(this);
            }
            if (connection != null) {
                // cancel first: closing alone leaves the statement running until the server next writes to us
                connection.onSuccess(pg -> pg.cancelRequest().onComplete(cancelled -> pg.close()));
            }
            LOG.debugf("retired a shared connection with %d statements in flight", started.size());
        }
    }

    /** A read on a lane: when it started, when it times out, and who waits for it. */
    private static final class InFlight {
        final long start;
        final long deadline;
        final Promise<Read> outcome;

        InFlight(long start, long deadline, Promise<Read> outcome) {
            this.start = start;
            this.deadline = deadline;
            this.outcome = outcome;
        }
    }

    /** A cached statement whose result columns changed (DDL): prepare it again next time. */
    private static boolean isStalePlan(Throwable failure) {
        return failure instanceof PgException pg && ("0A000".equals(pg.getSqlState())
                || pg.getErrorMessage() != null && pg.getErrorMessage().contains("cached plan must not change"));
    }
}
