package io.perfsuite.router.query;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.perfsuite.router.api.QueryRequest;
import io.perfsuite.router.api.TransactionRequest;
import io.perfsuite.router.cache.CachedResult;
import io.perfsuite.router.cache.ResultCache;
import io.perfsuite.router.cache.policy.CachePolicy;
import io.perfsuite.router.cache.policy.ReadCaching;
import io.perfsuite.router.config.RouterConfig;
import io.perfsuite.router.config.RouterConfig.Role;
import io.perfsuite.router.consistency.ConsistencyToken;
import io.perfsuite.router.consistency.Lsn;
import io.perfsuite.router.execution.Placement;
import io.perfsuite.router.execution.Recovery;
import io.perfsuite.router.execution.ResponseToken;
import io.perfsuite.router.execution.RoutePlan;
import io.perfsuite.router.execution.WriteInvalidation;
import io.perfsuite.router.observability.FailureEvents;
import io.perfsuite.router.observability.RouterMetrics;
import io.perfsuite.router.observability.SlowQueryLog;
import io.perfsuite.router.pg.FunctionCatalogLoader;
import io.perfsuite.router.pg.NodeStatus;
import io.perfsuite.router.pg.PipelinedReads;
import io.perfsuite.router.pg.ReplicaLagMonitor;
import io.perfsuite.router.problem.ProblemException;
import io.perfsuite.router.redaction.Credentials;
import io.perfsuite.router.routing.Classification;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.vertx.UniHelper;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.mutiny.sqlclient.Cursor;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.sqlclient.SqlResult;

/**
 * Sequences the I/O of /v1/query and /v1/transaction; what to do at each step is decided by pure classes:
 * {@link RoutePlan} (which node, with which {@link Placement}, and what stands in when the replica cannot serve),
 * {@link ResponseToken} (the token the response carries), {@link ReadCaching} and the cache's own
 * {@code CacheCoherence} (whether a result is cached, under which tags), {@link WriteInvalidation} (what a write drops
 * before it is acknowledged) and {@link Recovery} (what a failure leaves to retry, and where). Streams are
 * {@link QueryStreamer}'s.
 */
@ApplicationScoped
public class QueryExecutor {

    private static final Logger LOG = Logger.getLogger(QueryExecutor.class);
    private static final String TRANSACTION_REASON = "a transaction runs on the primary";

    private final FunctionCatalogLoader catalog;
    private final ReplicaLagMonitor monitor;
    private final RoutePlanner planner;
    private final NodeCalls calls;
    private final RouterConfig config;
    private final RouterMetrics metrics;
    private final SlowQueryLog slowLog;
    private final Tracer tracer;
    private final Clock clock;
    private final ResultCache cache;
    private final Admission admission;

    QueryExecutor(FunctionCatalogLoader catalog, ReplicaLagMonitor monitor, RoutePlanner planner, NodeCalls calls,
            RouterConfig config, RouterMetrics metrics, SlowQueryLog slowLog, Tracer tracer, Clock clock,
            ResultCache cache) {
        this.catalog = catalog;
        this.monitor = monitor;
        this.planner = planner;
        this.calls = calls;
        this.config = config;
        this.metrics = metrics;
        this.slowLog = slowLog;
        this.tracer = tracer;
        this.clock = clock;
        this.cache = cache;
        this.admission = new Admission(config);
    }

    /**
     * What running a statement on one node produced.
     *
     * @param token the primary's token read after it, null when it ran where none is read
     * @param dataLsn the node's WAL position sampled before the statement ran: the data is at least this new
     * @param misrouted the statement ran on the primary after a replica refused it as a write
     * @param write the statement may have written (see {@link Placement#write()})
     */
    record Ran(String node, List<QueryResult.Column> columns, List<List<Object>> rows, String token, Lsn dataLsn,
            int timeline, boolean misrouted, boolean write) {

        Ran withToken(String newToken) {
            return new Ran(node, columns, rows, newToken, dataLsn, timeline, misrouted, write);
        }

        Ran asWrite() {
            return write ? this : new Ran(node, columns, rows, token, dataLsn, timeline, misrouted, true);
        }

        Ran asMisrouted() {
            return new Ran(node, columns, rows, token, dataLsn, timeline, true, true);
        }
    }

    /** A routed statement's response plus what the cache needs to know about it. */
    private record Executed(QueryResult result, Lsn dataLsn, int timeline, boolean misrouted, boolean wrote) {
    }

    public Classification classify(String sql) {
        return catalog.classify(admission.sql(sql, "sql"));
    }

    /**
     * Runs one statement. Invalid requests throw a {@link ProblemException}; every later failure completes the future
     * with one.
     */
    public Future<QueryResult> query(QueryRequest request, Role role) {
        long started = System.nanoTime();
        QueryCommand command = admission.command(request);
        Classification classification = catalog.classify(command.sql());
        if (classification.unknownFunctions()) {
            // a function created after the catalog was loaded: read it again first, so this call routes right
            Future<Boolean> refreshed = catalog.refreshForUnknownFunction();
            if (refreshed != null) {
                return refreshed.compose(changed -> route(request, role, command,
                        changed ? catalog.classify(command.sql()) : classification, started));
            }
        }
        return route(request, role, command, classification, started);
    }

    private Future<QueryResult> route(QueryRequest request, Role role, QueryCommand command,
            Classification classification, long started) {
        Admission.requireRunnable(command, classification, role);
        boolean simple = classification.statements() > 1;
        boolean readOnlyKey = role == Role.READER;
        Span span = tracer.spanBuilder("query-router query").startSpan();
        span.setAttribute("db.system", "postgresql");
        span.setAttribute("router.consistency", command.level().wireName());
        Optional<CachePolicy.ReadPlan> cachePlan = cache.mayCache(request.cacheTtl())
                && ReadCaching.eligible(classification, command.level())
                        ? cache.planRead(classification, request.cacheTtl())
                        : Optional.empty();
        Uni<QueryResult> result;
        if (cachePlan.isEmpty()) {
            RoutePlan plan = planner.plan(command, classification, readOnlyKey);
            if (plan.pipelined(simple)) {
                return replicaRead(plan, command, classification, span, started);
            }
            result = execute(command, classification, plan, simple, span, started).map(Executed::result);
        } else {
            result = cached(request, command, classification, cachePlan.get(), readOnlyKey, simple, span, started);
        }
        return UniHelper.toFuture(result.onFailure().transform(failure -> {
            FailureEvents.record(span, failure);
            return DatabaseFailures.asProblem(failure, null);
        }).onTermination().invoke(span::end));
    }

    /** A cacheable read: the entry if it serves this request, else the statement, its result stored if allowed. */
    private Uni<QueryResult> cached(QueryRequest request, QueryCommand command, Classification classification,
            CachePolicy.ReadPlan cachePlan, boolean readOnlyKey, boolean simple, Span span, long started) {
        String key = cache.key(command.sql(), request.params());
        long epoch = cache.epoch(cachePlan.tags());
        return cache.lookup(key).chain(hit -> {
            // null on a miss: the statement runs, as for an entry older than the token
            ReadCaching.Hit use = hit.map(entry -> ReadCaching.onHit(entry.timeline(), entry.lsn(), entry.rows().size(),
                    command.token(), command.maxRows())).orElse(null);
            if (use == ReadCaching.Hit.TOO_MANY_ROWS) {
                return Uni.createFrom()
                        .failure(DatabaseFailures.tooManyRows(command.maxRows(), hit.get().rows().size(), false));
            }
            if (use == ReadCaching.Hit.SERVE) {
                span.setAttribute("router.route", "cache");
                span.setAttribute("router.reason", "cached result");
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                metrics.routed("cache", classification.route().wireName(), "read", took);
                return Uni.createFrom().item(new QueryResult(hit.get().columns(), hit.get().rows(),
                        hit.get().rows().size(), "cache", "cached result of a read: " + classification.reason(),
                        ResponseToken.echoed(command.token()), took.toMillis(), true));
            }
            // planned on a miss only, from the replica states of that moment
            RoutePlan plan = planner.plan(command, classification, readOnlyKey);
            return execute(command, classification, plan, simple, span, started).invoke(ran -> {
                if (ReadCaching.mayStore(ran.misrouted(), ran.wrote())) {
                    cache.store(key, new CachedResult(ran.result().columns(), ran.result().rows(),
                            ran.dataLsn().toString(), ran.timeline()), cachePlan, epoch);
                }
            }).map(Executed::result);
        });
    }

    /**
     * The hot path, a read on a replica's shared connection, on Vert.x futures: it is most of the traffic, and the
     * same steps as a chain of Mutiny operators cost a measurable share of a request. A read the shared connections
     * decline or that finds its connection retired runs on a connection of its own; other failures take the general
     * path's recovery.
     */
    private Future<QueryResult> replicaRead(RoutePlan plan, QueryCommand command, Classification classification,
            Span span, long started) {
        NodeStatus status = monitor.status(plan.node().get());
        String reason = plan.reason();
        span.setAttribute("router.route", classification.route().wireName());
        span.setAttribute("router.reason", reason);
        status.begin();
        Lsn before = status.lsn();
        int timeline = status.timeline();
        Future<Ran> shared = sharedRead(status, command, before, timeline);
        Future<QueryResult> answered;
        if (shared == null) {
            answered = general(exclusive(status, command, false, plan.placement(), before, timeline)
                    .onTermination().invoke(status::end), status, command, classification, plan, span, started);
        } else {
            answered = shared.transform(ran -> {
                status.end();
                if (ran.succeeded()) {
                    return Future.succeededFuture(
                            executed(ran.result(), command, classification, reason, span, started, false).result());
                }
                if (ran.cause() instanceof ProblemException) {
                    return Future.failedFuture(ran.cause());
                }
                Uni<Ran> retry = ran.cause() instanceof PipelinedReads.Retired
                        ? Uni.createFrom().deferred(() -> {
                            status.begin();
                            return exclusive(status, command, false, plan.placement(), before, timeline)
                                    .onTermination().invoke(status::end);
                        })
                        : Uni.createFrom().failure(ran.cause());
                return general(retry, status, command, classification, plan, span, started);
            });
        }
        return answered.transform(done -> {
            if (done.succeeded()) {
                span.end();
                return Future.succeededFuture(done.result());
            }
            FailureEvents.record(span, done.cause());
            span.end();
            return Future.failedFuture(DatabaseFailures.asProblem(done.cause(), null));
        });
    }

    /** A replica read continued on the general path: its failures recovered, its response built. */
    private Future<QueryResult> general(Uni<Ran> attempt, NodeStatus replica, QueryCommand command,
            Classification classification, RoutePlan plan, Span span, long started) {
        return UniHelper.toFuture(completed(recoverOnReplica(attempt, replica, command, false, plan), command,
                classification, plan.reason(), span, started).map(Executed::result));
    }

    /** Runs the plan's steps: the node it names, a bounded wait for a replica, or the fallback on the primary. */
    private Uni<Executed> execute(QueryCommand command, Classification classification, RoutePlan plan, boolean simple,
            Span span, long started) {
        Uni<Ran> ran = switch (plan.step()) {
            case PRIMARY -> onPrimary(command, simple, plan.placement());
            case REPLICA -> onReplica(plan.node().get(), command, simple, plan);
            case AWAIT_REPLAY -> calls.awaitReplay(plan.node().get(), command.token().orElseThrow())
                    .chain(replica -> {
                        if (replica != null) {
                            return onReplica(replica, command, simple, plan);
                        }
                        metrics.fellBackToPrimary(plan.fallbackCause().get());
                        return readOnPrimary(command, simple, plan);
                    });
            case FALLBACK -> {
                metrics.fellBackToPrimary(plan.fallbackCause().get());
                yield readOnPrimary(command, simple, plan);
            }
        };
        span.setAttribute("router.route", classification.route().wireName());
        span.setAttribute("router.reason", plan.reason());
        return completed(ran, command, classification, plan.reason(), span, started);
    }

    /** A statement that ran: writes drop what they changed from the cache, then the response is built. */
    private Uni<Executed> completed(Uni<Ran> ran, QueryCommand command, Classification classification, String reason,
            Span span, long started) {
        boolean simple = classification.statements() > 1;
        // a write is acknowledged only after the cache dropped what it read from the tables it wrote
        return ran.call(result -> invalidate(
                WriteInvalidation.afterStatement(classification, result.write(), result.misrouted()), result.token()))
                .map(result -> {
                    if (result.write() && result.rows().size() > command.maxRows()) {
                        // committed and invalidated: the client learns both, and keeps its token for what it reads next
                        throw DatabaseFailures.tooManyRows(command.maxRows(), result.rows().size(), true)
                                .withConsistencyToken(result.token());
                    }
                    return executed(result, command, classification, reason, span, started, simple);
                });
    }

    private Executed executed(Ran result, QueryCommand command, Classification classification, String reason,
            Span span, long started, boolean simple) {
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        span.setAttribute("router.node", result.node());
        metrics.routed(result.node(), classification.route().wireName(), classification.isRead() ? "read" : "write",
                took);
        recordIfSlow(command, classification, result.node(), reason, took, span, simple);
        QueryResult response = new QueryResult(result.columns(), result.rows(), result.rows().size(), result.node(),
                reason, ResponseToken.answer(result.token(), command.token()), took.toMillis(), false);
        return new Executed(response, result.dataLsn(), result.timeline(), result.misrouted(), result.write());
    }

    /**
     * Drops what a write may have changed before it is acknowledged. A write whose tables are unknown may also be DDL:
     * the catalog is reloaded first.
     */
    private Uni<Void> invalidate(WriteInvalidation invalidation, String token) {
        if (!invalidation.needed() || !cache.enabled()) {
            return Uni.createFrom().voidItem();
        }
        if (invalidation.schemaMayHaveChanged()) {
            cache.schemaMayHaveChanged();
        }
        return cache.invalidate(invalidation.tables(), ConsistencyToken.parse(token));
    }

    /**
     * Runs a transaction on the primary as its {@link TransactionPlan} says. Invalid requests throw a
     * {@link ProblemException} before anything runs.
     */
    public Uni<TransactionResult> transaction(TransactionRequest request, Role role) {
        long started = System.nanoTime();
        TransactionPlan plan = TransactionPlan.of(request, role, catalog::classify, admission);
        List<TransactionPlan.Step> steps = plan.steps();
        NodeStatus primary = monitor.primary();
        calls.requirePrimary(primary);
        Span span = tracer.spanBuilder("query-router transaction").startSpan();
        span.setAttribute("router.route", "primary");
        span.setAttribute("router.reason", TRANSACTION_REASON);
        span.setAttribute("router.node", primary.name());
        primary.begin();
        return primary.node().pool().withConnection(connection -> Uni.createFrom().voidItem()
                .invoke(primary::acquired).chain(() -> connection.begin()).chain(tx -> connection
                        .query(plan.setTransaction()).execute()
                        .chain(() -> Multi.createFrom().range(0, steps.size())
                                .onItem()
                                .transformToUniAndConcatenate(
                                        i -> transactionStatement(connection, steps.get(i), plan.maxRows(), i)
                                                .onFailure()
                                                .transform(failure -> DatabaseFailures.asProblem(failure,
                                                        "statements[" + i + "].sql")))
                                .collect().asList())
                        .call(tx::commit)
                        .onFailure().call(() -> tx.rollback().onFailure().recoverWithNull())
                        .call(() -> plan.discardTemp()
                                ? connection.query("DISCARD TEMP").execute()
                                : Uni.createFrom().voidItem())
                        .chain(results -> calls.token(connection).map(token -> new TransactionResult(results,
                                primary.name(), token, Duration.ofNanos(System.nanoTime() - started).toMillis()))))
                .ifNoItem().after(plan.timeout())
                .recoverWithUni(() -> calls.cancel(connection, primary.name(), plan.timeout()))
                .onTermination().invoke(primary::released))
                .onFailure().transform(failure -> calls.poolExhausted(primary.name(), failure))
                .call(result -> invalidate(plan.invalidation(), result.consistencyToken()))
                .invoke(result -> recordSlowTransaction(plan.sqls(), primary.name(), Duration.ofMillis(result.durationMs()),
                        span))
                .onFailure().transform(failure -> calls.primaryFailure(primary, failure))
                .onFailure().transform(failure -> DatabaseFailures.asProblem(failure, null))
                .onTermination().invoke(() -> {
                    primary.end();
                    span.end();
                });
    }

    // ---------------------------------------------------------------------------------------------------------
    // Where statements run

    private Uni<Ran> onReplica(String name, QueryCommand command, boolean simple, RoutePlan plan) {
        NodeStatus replica = monitor.status(name);
        return recoverOnReplica(run(replica, command, simple, Placement.replicaRead()), replica, command, simple, plan);
    }

    /**
     * What a replica's failure leaves to do ({@link Recovery}): a write it refused runs on the primary as a write, a
     * function it does not know yet or the replica itself gone runs on the primary as the plan's fallback.
     */
    private Uni<Ran> recoverOnReplica(Uni<Ran> attempt, NodeStatus replica, QueryCommand command, boolean simple,
            RoutePlan plan) {
        return attempt.onFailure().recoverWithUni(failure -> {
            switch (Recovery.afterReplicaFailure(DatabaseFailures.sqlState(failure),
                    DatabaseFailures.isConnectionFailure(failure))) {
                case RETRY_AS_WRITE -> {
                    // the classifier called it a read but the replica saw a write: run it where writes run
                    metrics.misrouted();
                    LOG.warnf("replica %s refused a statement as a write (25006); retrying on the primary: %s",
                            replica.name(), Credentials.redact(command.sql()));
                    return onPrimary(command, simple, plan.retryAsWrite()).map(Ran::asMisrouted);
                }
                case RETRY_AS_PRIMARY_READ -> {
                    metrics.fellBackToPrimary("replica-behind-catalog");
                    return readOnPrimary(command, simple, plan);
                }
                case MARK_FAILED_AND_RETRY_AS_PRIMARY_READ -> {
                    calls.replicaFailed(replica, failure);
                    metrics.fellBackToPrimary("replica-failed");
                    return readOnPrimary(command, simple, plan);
                }
                default -> {
                    return Uni.createFrom().failure(failure);
                }
            }
        });
    }

    /**
     * A replica's read on the primary ({@link RoutePlan#fallback()}): read only, with the primary's token; a statement
     * that turns out to write is run again as one, so it invalidates what it wrote.
     */
    private Uni<Ran> readOnPrimary(QueryCommand command, boolean simple, RoutePlan plan) {
        return onPrimary(command, simple, plan.fallback())
                .onFailure(failure -> Recovery.afterPrimaryReadFailure(DatabaseFailures.sqlState(failure),
                        plan.readOnlyKey()) == Recovery.RETRY_AS_WRITE)
                .recoverWithUni(failure -> {
                    metrics.misrouted();
                    LOG.warnf("the primary refused a read as a write (25006); running it as a write: %s",
                            Credentials.redact(command.sql()));
                    return onPrimary(command, simple, Placement.write(false)).map(Ran::asMisrouted);
                });
    }

    private Uni<Ran> onPrimary(QueryCommand command, boolean simple, Placement placement) {
        NodeStatus primary = monitor.primary();
        return Uni.createFrom().deferred(() -> {
            calls.requirePrimary(primary);
            return run(primary, command, simple, placement);
        }).onFailure().transform(failure -> calls.primaryFailure(primary, failure));
    }

    private Uni<Ran> run(NodeStatus status, QueryCommand command, boolean simple, Placement placement) {
        return Uni.createFrom().deferred(() -> {
            status.begin();
            Lsn before = status.lsn();
            int timeline = status.timeline();
            Future<Ran> shared = placement.mayShare() && !simple ? sharedRead(status, command, before, timeline) : null;
            if (shared != null) {
                return UniHelper.toUni(shared)
                        .onFailure(PipelinedReads.Retired.class)
                        .recoverWithUni(() -> exclusive(status, command, simple, placement, before, timeline))
                        .onTermination().invoke(status::end);
            }
            return exclusive(status, command, simple, placement, before, timeline)
                    .onTermination().invoke(status::end);
        });
    }

    /**
     * An autocommit read on one of the node's shared connections, or null when they decline it. Fails with a problem
     * for too many rows or a timeout, with {@link PipelinedReads.Retired} when its connection was retired under it.
     */
    private Future<Ran> sharedRead(NodeStatus status, QueryCommand command, Lsn before, int timeline) {
        Future<PipelinedReads.Read> shared = status.node().reads().read(command.sql(), command.params().getDelegate(),
                command.maxRows() + 1, command.timeout());
        if (shared == null) {
            return null;
        }
        status.sharedReadStarted();
        return shared.transform(read -> {
            status.sharedReadEnded();
            if (read.succeeded()) {
                if (read.result().more()) {
                    return Future.failedFuture(DatabaseFailures.tooManyRows(command.maxRows(), command.maxRows() + 1, false));
                }
                return Future.succeededFuture(toRan(status.name(), read.result().rows(), command.maxRows(), before,
                        timeline));
            }
            if (read.cause() instanceof PipelinedReads.TimedOut) {
                return Future.failedFuture(calls.timedOut(status.name(), command.timeout()));
            }
            return Future.failedFuture(read.cause());
        });
    }

    /** The statement on a pool connection of its own, for as long as it runs. */
    private Uni<Ran> exclusive(NodeStatus status, QueryCommand command, boolean simple, Placement placement, Lsn before,
            int timeline) {
        boolean readOnly = placement.readOnly();
        return status.node().pool().withConnection(connection -> {
            status.acquired();
            Uni<Ran> ran;
            if (placement.write() || simple) {
                // a write runs to completion whatever its RETURNING holds; multi-statement strings are read whole
                Uni<RowSet<Row>> rows = readOnly
                        ? inReadOnlyTransaction(connection, c -> statement(c, command.sql(), command.params(), simple))
                        : statement(connection, command.sql(), command.params(), simple);
                // a write's rows are checked against maxRows once it is committed and invalidated (completed)
                int limit = placement.write() ? Integer.MAX_VALUE : command.maxRows();
                ran = rows.map(result -> toRan(status.name(), result, limit, before, timeline));
            } else {
                // a read stops at maxRows + 1 rows: the statement is cancelled there
                CompletableFuture<Void> cancelled = new CompletableFuture<>();
                BoundedRows bounded = new BoundedRows(command.maxRows() + 1, () -> PgConnection.cast(connection)
                        .cancelRequest().subscribe().with(ok -> cancelled.complete(null),
                                failure -> cancelled.complete(null)));
                Uni<SqlResult<List<io.vertx.sqlclient.Row>>> rows = readOnly
                        ? inReadOnlyTransaction(connection, c -> boundedRead(c, command, bounded))
                        : boundedRead(connection, command, bounded);
                ran = rows.map(result -> toRan(status.name(), result, bounded, command.maxRows(), before, timeline))
                        .onFailure(failure -> bounded.reachedLimit() && !(failure instanceof ProblemException))
                        .transform(failure -> DatabaseFailures.tooManyRows(command.maxRows(), command.maxRows() + 1, false))
                        // back to the pool only once the cancel was delivered: a late one would stop the next
                        // borrower's statement (one that arrives while the backend is idle is ignored)
                        .onTermination().call(() -> bounded.reachedLimit()
                                ? Uni.createFrom().completionStage(cancelled)
                                : Uni.createFrom().voidItem());
            }
            if (placement.write()) {
                ran = ran.map(Ran::asWrite);
            }
            if (placement.token()) {
                ran = ran.chain(result -> calls.token(connection).map(result::withToken));
            }
            return ran.ifNoItem().after(command.timeout())
                    .recoverWithUni(() -> calls.cancel(connection, status.name(), command.timeout()))
                    .onTermination().invoke(status::released);
        }).onFailure().transform(failure -> calls.poolExhausted(status.name(), failure));
    }

    private static Ran toRan(String node, io.vertx.sqlclient.RowSet<io.vertx.sqlclient.Row> rows, int maxRows, Lsn before,
            int timeline) {
        if (rows.size() > maxRows) {
            throw DatabaseFailures.tooManyRows(maxRows, rows.size(), false);
        }
        return new Ran(node, ResultRows.columns(rows.columnDescriptors()), ResultRows.rows(rows), null, before, timeline,
                false, false);
    }

    private static Uni<RowSet<Row>> statement(SqlConnection connection, String sql, Tuple params, boolean simple) {
        if (simple) {
            return connection.query(sql).execute().map(QueryExecutor::last);
        }
        return connection.preparedQuery(sql).execute(params);
    }

    private static Uni<SqlResult<List<io.vertx.sqlclient.Row>>> boundedRead(SqlConnection connection, QueryCommand command,
            BoundedRows rows) {
        // the Mutiny API has no collecting(): the core one runs the same prepared query
        return Uni.createFrom().completionStage(() -> connection.getDelegate().preparedQuery(command.sql())
                .collecting(rows).execute(command.params().getDelegate()).toCompletionStage());
    }

    private static RowSet<Row> last(RowSet<Row> rows) {
        RowSet<Row> last = rows;
        while (last.next() != null) {
            last = last.next();
        }
        return last;
    }

    /** A read-only key's statement on the primary runs in a READ ONLY transaction, like PostgREST's reads. */
    private static <T> Uni<T> inReadOnlyTransaction(SqlConnection connection, Function<SqlConnection, Uni<T>> statement) {
        return connection.begin().chain(tx -> connection.query("SET TRANSACTION READ ONLY").execute()
                .chain(() -> statement.apply(connection))
                .call(tx::commit)
                .onFailure().call(() -> tx.rollback().onFailure().recoverWithNull()));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Results, slow log

    private static Ran toRan(String node, RowSet<Row> result, int maxRows, Lsn before, int timeline) {
        return toRan(node, result.getDelegate(), maxRows, before, timeline);
    }

    private static Ran toRan(String node, SqlResult<List<io.vertx.sqlclient.Row>> result, BoundedRows bounded,
            int maxRows, Lsn before, int timeline) {
        List<io.vertx.sqlclient.Row> rows = result.value();
        if (bounded.reachedLimit() || rows.size() > maxRows) {
            throw DatabaseFailures.tooManyRows(maxRows, rows.size(), false);
        }
        List<List<Object>> values = new ArrayList<>(rows.size());
        rows.forEach(row -> values.add(ResultRows.values(row)));
        return new Ran(node, ResultRows.columns(result.columnDescriptors()), values, null, before, timeline, false,
                false);
    }

    /**
     * One statement of a transaction, asked for at most maxRows + 1 rows (a cursor: Execute with a row count, so the
     * server stops there without a cancel request that could outlive the statement); more fails it, and the
     * transaction rolls back. Multi-statement strings are read whole, then each result checked.
     */
    private static Uni<StatementResult> transactionStatement(SqlConnection connection, TransactionPlan.Step step,
            int maxRows, int index) {
        if (step.simple()) {
            return connection.query(step.sql()).execute().map(rows -> {
                for (RowSet<Row> result = rows; result != null; result = result.next()) {
                    if (result.size() > maxRows) {
                        throw tooManyRowsInTransaction(maxRows, index);
                    }
                }
                return toStatementResult(last(rows));
            });
        }
        return connection.prepare(step.sql()).chain(prepared -> {
            Cursor cursor = prepared.cursor(JsonParams.bind(step.params()));
            return cursor.read(maxRows + 1).map(rows -> {
                if (rows.size() > maxRows) {
                    throw tooManyRowsInTransaction(maxRows, index);
                }
                return toStatementResult(rows);
            }).eventually(prepared::close);
        });
    }

    private static ProblemException tooManyRowsInTransaction(int maxRows, int index) {
        return ProblemException.field(422, "Unprocessable Content", "too-many-rows", "maxRows", "max",
                "statements[" + index + "] returns more than maxRows=" + maxRows + " rows, so the transaction was "
                        + "rolled back; add a LIMIT or raise maxRows (up to the configured router.query.max-rows)");
    }

    private static StatementResult toStatementResult(RowSet<Row> rows) {
        io.vertx.sqlclient.RowSet<io.vertx.sqlclient.Row> core = rows.getDelegate();
        List<List<Object>> values = ResultRows.rows(core);
        boolean returnsRows = core.columnDescriptors() != null && !core.columnDescriptors().isEmpty();
        return new StatementResult(ResultRows.columns(core.columnDescriptors()), values,
                returnsRows ? values.size() : core.rowCount());
    }

    private void recordIfSlow(QueryCommand command, Classification classification, String node, String reason,
            Duration took, Span span, boolean simple) {
        if (took.compareTo(config.query().slowThreshold()) < 0) {
            return;
        }
        SlowQueryLog.Entry entry = new SlowQueryLog.Entry(clock.instant(), Credentials.redact(command.sql()),
                took.toMillis(), node,
                classification.route().wireName(), reason, span.getSpanContext().getTraceId(), null);
        slowLog.add(entry);
        if (classification.isRead() && !simple && !command.sql().trim().toUpperCase(Locale.ROOT).startsWith("EXPLAIN")) {
            // plan the slow read on the node that ran it, off the response path
            NodeStatus status = monitor.status(node);
            status.node().pool().preparedQuery("EXPLAIN (FORMAT JSON) " + command.sql()).execute(command.params())
                    .subscribe().with(rows -> {
                        Object plan = rows.iterator().next().getValue(0);
                        slowLog.attachPlan(entry, plan instanceof JsonArray array
                                ? array.getList()
                                : new JsonArray(plan.toString()).getList());
                    }, failure -> LOG.debugf("no plan for a slow read: %s", failure.getMessage()));
        }
    }

    /** A slow transaction is logged as a whole: its statements, without a plan (they ran together, on the primary). */
    private void recordSlowTransaction(List<String> sqls, String node, Duration took, Span span) {
        if (took.compareTo(config.query().slowThreshold()) < 0) {
            return;
        }
        String sql = Credentials.redact(sqls.size() == 1 ? sqls.get(0) : String.join(";\n", sqls));
        slowLog.add(new SlowQueryLog.Entry(clock.instant(), sql, took.toMillis(), node, "primary", TRANSACTION_REASON,
                span.getSpanContext().getTraceId(), null));
    }

}
