package io.perfsuite.router.query;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.random.RandomGenerator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response.Status;

import org.jboss.logging.Logger;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.perfsuite.router.api.QueryRequest;
import io.perfsuite.router.api.TransactionRequest;
import io.perfsuite.router.cache.CachedResult;
import io.perfsuite.router.cache.ResultCache;
import io.perfsuite.router.cache.policy.CachePolicy;
import io.perfsuite.router.config.RouterConfig;
import io.perfsuite.router.config.RouterConfig.Role;
import io.perfsuite.router.consistency.ConsistencyLevel;
import io.perfsuite.router.consistency.ConsistencyToken;
import io.perfsuite.router.consistency.Lsn;
import io.perfsuite.router.consistency.ReplicaSelector;
import io.perfsuite.router.consistency.RouteDecision;
import io.perfsuite.router.execution.Placement;
import io.perfsuite.router.execution.Recovery;
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
import io.perfsuite.router.routing.Refusal;
import io.perfsuite.router.routing.Route;
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
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.SqlResult;

/**
 * Runs statements where the classifier and the consistency level allow: writes and unknowns on the primary with a
 * consistency token, reads on the least busy eligible replica. A replica that refuses a statement as a write (25006)
 * or drops the connection gets the statement retried once on the primary; the primary being down turns into 503 with
 * Retry-After.
 */
@ApplicationScoped
public class QueryExecutor {

    private static final Logger LOG = Logger.getLogger(QueryExecutor.class);
    private static final String TRANSACTION_REASON = "a transaction runs on the primary";

    private final FunctionCatalogLoader catalog;
    private final ReplicaLagMonitor monitor;
    private final ReplicaSelector selector;
    private final RouterConfig config;
    private final RouterMetrics metrics;
    private final SlowQueryLog slowLog;
    private final Tracer tracer;
    private final Clock clock;
    private final ConsistencyLevel defaultLevel;
    private final ResultCache cache;

    QueryExecutor(FunctionCatalogLoader catalog, ReplicaLagMonitor monitor, RouterConfig config, RouterMetrics metrics,
            SlowQueryLog slowLog, Tracer tracer, Clock clock, RandomGenerator random, ResultCache cache) {
        this.cache = cache;
        this.catalog = catalog;
        this.monitor = monitor;
        this.config = config;
        this.metrics = metrics;
        this.slowLog = slowLog;
        this.tracer = tracer;
        this.clock = clock;
        this.selector = new ReplicaSelector(config.lag().maxBytes(), config.lag().max(), random);
        this.defaultLevel = ConsistencyLevel.fromWire(config.consistency().defaultLevel()).orElseThrow();
    }

    /** A validated /v1/query request. */
    record Command(String sql, Tuple params, ConsistencyLevel level, Optional<Duration> maxStaleness,
            Optional<ConsistencyToken> token, Duration timeout, int maxRows) {
    }

    /** What running a statement on one node produced. */
    /**
     * @param dataLsn the node's WAL position sampled before the statement ran: the data is at least this new
     * @param misrouted the statement ran on the primary after a replica refused it as a write
     */
    /**
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

    public Classification classify(String sql) {
        return catalog.classify(validSql(sql, "sql"));
    }

    /**
     * Runs one statement. Invalid requests throw a {@link ProblemException}; every later failure completes the future
     * with one.
     */
    public Future<QueryResult> query(QueryRequest request, Role role) {
        long started = System.nanoTime();
        Command command = validate(request);
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

    private Future<QueryResult> route(QueryRequest request, Role role, Command command, Classification classification,
            long started) {
        classification.refusal().ifPresent(refusal -> {
            throw refused(refusal, "sql");
        });
        if (role == Role.READER && !classification.isRead()) {
            throw ProblemException.field(Status.FORBIDDEN, "read-only-key", "sql", "read-only",
                    "this API key may only run reads, and this statement needs the primary: " + classification.reason());
        }
        boolean simple = classification.statements() > 1;
        if (simple && command.params().size() > 0) {
            throw ProblemException.invalid("params", "single-statement",
                    "parameters need a single statement; this SQL holds " + classification.statements());
        }
        Span span = tracer.spanBuilder("query-router query").startSpan();
        span.setAttribute("db.system", "postgresql");
        span.setAttribute("router.consistency", command.level().wireName());
        // table rules and cacheTtl apply to single-statement reads at eventual or read-your-writes consistency
        Optional<CachePolicy.ReadPlan> plan = cache.mayCache(request.cacheTtl()) && classification.isRead() && !simple
                && (command.level() == ConsistencyLevel.EVENTUAL || command.level() == ConsistencyLevel.READ_YOUR_WRITES)
                        ? cache.planRead(classification, request.cacheTtl())
                        : Optional.empty();
        Uni<QueryResult> result;
        if (plan.isEmpty()) {
            RouteDecision decision = decide(command, classification);
            if (!simple && decision != null && decision.replica().isPresent()) {
                return replicaRead(decision, command, classification, role, span, started);
            }
            result = execute(command, classification, decision, role, simple, span, started).map(Executed::result);
        } else {
            String key = cache.key(command.sql(), request.params());
            long epoch = cache.epoch(plan.get().tags());
            result = cache.lookup(key).chain(hit -> {
                if (hit.isPresent() && usable(hit.get(), command.token())) {
                    if (hit.get().rows().size() > command.maxRows()) {
                        // the entry was stored for a caller with a higher limit: this one gets what a miss gives
                        return Uni.createFrom().failure(tooManyRows(command.maxRows(), hit.get().rows().size(), false));
                    }
                    span.setAttribute("router.route", "cache");
                    span.setAttribute("router.reason", "cached result");
                    Duration took = Duration.ofNanos(System.nanoTime() - started);
                    metrics.routed("cache", classification.route().wireName(), "read", took);
                    return Uni.createFrom().item(new QueryResult(hit.get().columns(), hit.get().rows(),
                            hit.get().rows().size(), "cache", "cached result of a read: " + classification.reason(),
                            command.token().map(ConsistencyToken::encode).orElse(null), took.toMillis(), true));
                }
                // decided on a miss only, from the replica states of that moment
                return execute(command, classification, decide(command, classification), role, simple, span, started)
                        .invoke(ran -> {
                            if (!ran.misrouted() && !ran.wrote()) {
                                cache.store(key, new CachedResult(ran.result().columns(), ran.result().rows(),
                                        ran.dataLsn().toString(), ran.timeline()), plan.get(), epoch);
                            }
                        }).map(Executed::result);
            });
        }
        return UniHelper.toFuture(result.onFailure().transform(failure -> {
            FailureEvents.record(span, failure);
            return asProblem(failure, null);
        }).onTermination().invoke(span::end));
    }

    /**
     * Streams a read's rows (POST /v1/query/stream), routed by the same rules as {@link #query}: the replica the
     * consistency level allows, else the primary with its token. It runs in a REPEATABLE READ, READ ONLY transaction,
     * so every batch comes from one snapshot, through a cursor fetching {@code router.query.stream-batch-rows} at a
     * time. A replica that fails before the first row is left for the primary, like a read. Results are not cached.
     * Completes with the number of rows sent; invalid requests throw.
     */
    public Future<Long> stream(QueryRequest request, Role role, RowSink sink) {
        Command command = validate(request, config.query().streamMaxRows());
        if (request.cacheTtl() != null && request.cacheTtl() > 0) {
            throw ProblemException.invalid("cacheTtl", "not-streamed", "streamed results are not cached; leave out "
                    + "cacheTtl or use POST /v1/query");
        }
        Classification classification = catalog.classify(command.sql());
        classification.refusal().ifPresent(refusal -> {
            throw refused(refusal, "sql");
        });
        if (!classification.isRead()) {
            throw ProblemException.invalid("sql", "read", "a stream carries the rows of a read, and this statement "
                    + "needs the primary: " + classification.reason() + "; use POST /v1/query");
        }
        if (classification.statements() > 1) {
            throw ProblemException.invalid("sql", "single-statement", "a stream carries one statement's rows");
        }
        Span span = tracer.spanBuilder("query-router stream").startSpan();
        span.setAttribute("db.system", "postgresql");
        span.setAttribute("router.consistency", command.level().wireName());
        span.setAttribute("router.route", classification.route().wireName());
        RouteDecision decision = decide(command, classification);
        String reason = classification.reason() + "; " + decision.reason();
        span.setAttribute("router.reason", reason);
        Uni<String> node;
        if (decision.replica().isPresent()) {
            node = Uni.createFrom().item(decision.replica().get());
        } else if (decision.mustWait()) {
            long deadline = System.nanoTime() + config.consistency().rywWait().toNanos();
            node = awaitReplay(decision.waitFor().get(0), command.token().orElseThrow(), deadline, 0)
                    .invoke(replica -> {
                        if (replica == null) {
                            metrics.fellBackToPrimary("token-not-replayed");
                        }
                    });
        } else {
            metrics.fellBackToPrimary(command.level().wireName());
            node = Uni.createFrom().nullItem();
        }
        Uni<Long> streamed = node.chain(replica -> replica == null
                ? streamOnPrimary(command, reason, sink)
                : streamOn(monitor.status(replica), false, command, reason, sink)
                        .onFailure(failure -> !sink.started() && isConnectionFailure(failure))
                        .recoverWithUni(failure -> {
                            monitor.status(replica).failed(message(failure), clock.instant());
                            metrics.fellBackToPrimary("replica-failed");
                            return streamOnPrimary(command, reason, sink);
                        }));
        return UniHelper.toFuture(streamed.onItem().invoke(rows -> span.setAttribute("router.rows", rows))
                .onFailure().transform(failure -> {
                    FailureEvents.record(span, failure);
                    return asProblem(failure, null);
                }).onTermination().invoke(span::end));
    }

    private Uni<Long> streamOnPrimary(Command command, String reason, RowSink sink) {
        NodeStatus primary = monitor.primary();
        return Uni.createFrom().deferred(() -> {
            requirePrimary(primary);
            return streamOn(primary, true, command, reason, sink);
        }).onFailure().transform(failure -> primaryFailure(primary, failure));
    }

    private Uni<Long> streamOn(NodeStatus status, boolean primary, Command command, String reason, RowSink sink) {
        String echoed = command.token().map(ConsistencyToken::encode).orElse(null);
        status.begin();
        return status.node().pool().withConnection(connection -> {
            status.acquired();
            // the snapshot is taken by the first statement: on the primary the token, so it covers every row sent
            Uni<String> token = connection.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY").execute()
                    .chain(() -> primary ? token(connection) : Uni.createFrom().item(echoed));
            Uni<Long> rows = token.chain(tok -> connection.prepare(command.sql()).chain(prepared -> {
                Cursor cursor = prepared.cursor(command.params());
                return new ReadStream(cursor, sink, config.query().streamBatchRows(), command.maxRows(),
                        status.name(), reason, tok).run()
                        .eventually(() -> cursor.close().onFailure().recoverWithNull())
                        .eventually(() -> prepared.close().onFailure().recoverWithNull());
            }));
            // every way out ends the transaction: the connection goes back to the pool
            return rows.ifNoItem().after(command.timeout())
                    .recoverWithUni(() -> cancel(connection, status.name(), command.timeout()))
                    .call(() -> connection.query("COMMIT").execute())
                    .onFailure().call(() -> connection.query("ROLLBACK").execute().onFailure().recoverWithNull())
                    .onTermination().invoke(status::released);
        }).onFailure().transform(failure -> poolExhausted(status.name(), failure))
                .onTermination().invoke(status::end);
    }

    /**
     * The hot path, a read on a replica's shared connection, on Vert.x futures: it is most of the traffic, and the
     * same steps as a chain of Mutiny operators cost a measurable share of a request. A read the shared connections
     * decline or that finds its connection retired runs on a connection of its own; other failures take the general
     * path's recovery.
     */
    private Future<QueryResult> replicaRead(RouteDecision decision, Command command, Classification classification,
            Role role, Span span, long started) {
        NodeStatus status = monitor.status(decision.replica().get());
        String reason = classification.reason() + "; " + decision.reason();
        span.setAttribute("router.route", classification.route().wireName());
        span.setAttribute("router.reason", reason);
        status.begin();
        Lsn before = status.lsn();
        int timeline = status.timeline();
        Future<Ran> shared = sharedRead(status, command, before, timeline);
        Future<QueryResult> answered;
        if (shared == null) {
            answered = general(exclusive(status, command, false, Placement.replicaRead(), before, timeline)
                    .onTermination().invoke(status::end), status, command, classification, reason, role, span, started);
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
                            return exclusive(status, command, false, Placement.replicaRead(), before, timeline)
                                    .onTermination().invoke(status::end);
                        })
                        : Uni.createFrom().failure(ran.cause());
                return general(retry, status, command, classification, reason, role, span, started);
            });
        }
        return answered.transform(done -> {
            if (done.succeeded()) {
                span.end();
                return Future.succeededFuture(done.result());
            }
            FailureEvents.record(span, done.cause());
            span.end();
            return Future.failedFuture(asProblem(done.cause(), null));
        });
    }

    /** A replica read continued on the general path: its failures recovered, its response built. */
    private Future<QueryResult> general(Uni<Ran> attempt, NodeStatus replica, Command command,
            Classification classification, String reason, Role role, Span span, long started) {
        return UniHelper.toFuture(completed(recoverOnReplica(attempt, replica, command, false, role), command,
                classification, reason, span, started).map(Executed::result));
    }

    /** A routed statement's response plus what the cache needs to know about it. */
    private record Executed(QueryResult result, Lsn dataLsn, int timeline, boolean misrouted, boolean wrote) {
    }

    /** A read-your-writes read takes a cached result only when its data is at or past the token. */
    private static boolean usable(CachedResult hit, Optional<ConsistencyToken> token) {
        if (token.isEmpty()) {
            return true;
        }
        try {
            return hit.timeline() == token.get().timeline() && Lsn.parse(hit.lsn()).isAtLeast(token.get().lsn());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Where a read may run at the request's consistency level, from the latest replica states; null for a statement
     * the classifier sends to the primary.
     */
    private RouteDecision decide(Command command, Classification classification) {
        if (classification.route() == Route.PRIMARY) {
            return null;
        }
        return selector.choose(command.level(), command.maxStaleness(), command.token(), monitor.replicaStates(),
                clock.instant());
    }

    private Uni<Executed> execute(Command command, Classification classification, RouteDecision decision, Role role,
            boolean simple, Span span, long started) {
        Uni<Ran> ran;
        String reason;
        if (decision == null) {
            reason = classification.reason();
            ran = onPrimary(command, simple, Placement.write(role == Role.READER));
        } else {
            reason = classification.reason() + "; " + decision.reason();
            if (decision.replica().isPresent()) {
                ran = onReplica(decision.replica().get(), command, simple, role);
            } else if (decision.mustWait()) {
                long deadline = System.nanoTime() + config.consistency().rywWait().toNanos();
                ran = awaitReplay(decision.waitFor().get(0), command.token().orElseThrow(), deadline, 0)
                        .chain(replica -> {
                            if (replica != null) {
                                return onReplica(replica, command, simple, role);
                            }
                            metrics.fellBackToPrimary("token-not-replayed");
                            return readOnPrimary(command, simple, role);
                        });
            } else {
                metrics.fellBackToPrimary(command.level().wireName());
                ran = readOnPrimary(command, simple, role);
            }
        }
        span.setAttribute("router.route", classification.route().wireName());
        span.setAttribute("router.reason", reason);
        return completed(ran, command, classification, reason, span, started);
    }

    /** A statement that ran: writes drop what they changed from the cache, then the response is built. */
    private Uni<Executed> completed(Uni<Ran> ran, Command command, Classification classification, String reason,
            Span span, long started) {
        boolean simple = classification.statements() > 1;
        // a write is acknowledged only after the cache dropped what it read from the tables it wrote
        return ran.call(result -> !result.write()
                ? Uni.createFrom().voidItem()
                : invalidateAfterWrite(writtenTables(classification, result.misrouted()), result.token()))
                .map(result -> {
                    if (result.write() && result.rows().size() > command.maxRows()) {
                        // committed and invalidated: the client learns both, and keeps its token for what it reads next
                        throw tooManyRows(command.maxRows(), result.rows().size(), true)
                                .withConsistencyToken(result.token());
                    }
                    return executed(result, command, classification, reason, span, started, simple);
                });
    }

    private Executed executed(Ran result, Command command, Classification classification, String reason, Span span,
            long started, boolean simple) {
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        String token = result.token() != null
                ? result.token()
                : command.token().map(ConsistencyToken::encode).orElse(null);
        span.setAttribute("router.node", result.node());
        metrics.routed(result.node(), classification.route().wireName(), classification.isRead() ? "read" : "write",
                took);
        recordIfSlow(command, classification, result.node(), reason, took, span, simple);
        QueryResult response = new QueryResult(result.columns(), result.rows(), result.rows().size(), result.node(),
                reason, token, took.toMillis(), false);
        return new Executed(response, result.dataLsn(), result.timeline(), result.misrouted(), result.write());
    }

    /**
     * Drops what a write may have changed before it is acknowledged. A write whose tables are unknown may also be DDL
     * (a new trigger, view or foreign key changes what later writes must drop): the catalog is reloaded first.
     */
    private Uni<Void> invalidateAfterWrite(Optional<Set<String>> written, String token) {
        if (!cache.enabled()) {
            return Uni.createFrom().voidItem();
        }
        if (written.isEmpty()) {
            cache.schemaMayHaveChanged();
        }
        return cache.invalidate(written, ConsistencyToken.parse(token));
    }

    /** The tables a write touched, or empty when they are not known (functions, DO, a misrouted "read"). */
    private static Optional<Set<String>> writtenTables(Classification classification, boolean misrouted) {
        return classification.plainDml() && !misrouted ? Optional.of(classification.tables()) : Optional.empty();
    }

    public Uni<TransactionResult> transaction(TransactionRequest request, Role role) {
        long started = System.nanoTime();
        if (request == null || request.statements() == null || request.statements().isEmpty()) {
            throw ProblemException.invalid("statements", "required", "statements must hold at least one statement");
        }
        if (request.statements().size() > 1000) {
            throw ProblemException.invalid("statements", "max", "statements may hold at most 1000 statements");
        }
        String isolation = isolation(request.isolation());
        Duration timeout = timeout(request.timeoutMs());
        int maxRows = maxRows(request.maxRows(), config.query().maxRows());
        List<String> sqls = new ArrayList<>();
        List<Tuple> params = new ArrayList<>();
        List<Boolean> simple = new ArrayList<>();
        boolean temporary = false;
        boolean writes = false;
        boolean knownTables = true;
        Set<String> tables = new java.util.TreeSet<>();
        for (int i = 0; i < request.statements().size(); i++) {
            TransactionRequest.Statement statement = request.statements().get(i);
            String field = "statements[" + i + "]";
            if (statement == null) {
                throw ProblemException.invalid(field, "required", field + " is missing");
            }
            String sql = validSql(statement.sql(), field + ".sql");
            Classification classification = catalog.classify(sql);
            Optional<Refusal> refusal = classification.refusal();
            if (refusal.isPresent() && !refusal.get().allowedInTransaction()) {
                throw refused(refusal.get(), field + ".sql");
            }
            temporary |= refusal.isPresent();
            if (role == Role.READER && !classification.isRead()) {
                throw ProblemException.field(Status.FORBIDDEN, "read-only-key", field + ".sql", "read-only",
                        "this API key may only run reads, and this statement needs the primary: "
                                + classification.reason());
            }
            Tuple tuple = JsonParams.tuple(statement.params(), field + ".params");
            if (classification.statements() > 1 && tuple.size() > 0) {
                throw ProblemException.invalid(field + ".params", "single-statement",
                        "parameters need a single statement");
            }
            sqls.add(sql);
            params.add(tuple);
            simple.add(classification.statements() > 1);
            writes |= !classification.isRead();
            knownTables &= classification.isRead() || classification.plainDml();
            tables.addAll(classification.tables());
        }
        NodeStatus primary = monitor.primary();
        requirePrimary(primary);
        String begin = "SET TRANSACTION ISOLATION LEVEL " + isolation + (role == Role.READER ? " READ ONLY" : "");
        boolean discardTemp = temporary;
        Optional<Set<String>> written = knownTables ? Optional.of(Set.copyOf(tables)) : Optional.empty();
        boolean invalidate = writes;
        Span span = tracer.spanBuilder("query-router transaction").startSpan();
        span.setAttribute("router.route", "primary");
        span.setAttribute("router.reason", TRANSACTION_REASON);
        span.setAttribute("router.node", primary.name());
        primary.begin();
        return primary.node().pool().withConnection(connection -> Uni.createFrom().voidItem()
                .invoke(primary::acquired).chain(() -> connection.begin()).chain(tx -> connection
                        .query(begin).execute()
                        .chain(() -> Multi.createFrom().range(0, sqls.size())
                                .onItem()
                                .transformToUniAndConcatenate(
                                        i -> transactionStatement(connection, sqls.get(i), params.get(i), simple.get(i),
                                                maxRows, i)
                                                .onFailure()
                                                .transform(failure -> asProblem(failure, "statements[" + i + "].sql")))
                                .collect().asList())
                        .call(tx::commit)
                        .onFailure().call(() -> tx.rollback().onFailure().recoverWithNull())
                        .call(() -> discardTemp ? connection.query("DISCARD TEMP").execute() : Uni.createFrom().voidItem())
                        .chain(results -> token(connection).map(token -> new TransactionResult(results, primary.name(), token,
                                Duration.ofNanos(System.nanoTime() - started).toMillis()))))
                .ifNoItem().after(timeout).recoverWithUni(() -> cancel(connection, primary.name(), timeout))
                .onTermination().invoke(primary::released))
                .onFailure().transform(failure -> poolExhausted(primary.name(), failure))
                .call(result -> invalidate
                        ? invalidateAfterWrite(written, result.consistencyToken())
                        : Uni.createFrom().voidItem())
                .invoke(result -> recordSlowTransaction(sqls, primary.name(), Duration.ofMillis(result.durationMs()),
                        span))
                .onFailure().transform(failure -> primaryFailure(primary, failure))
                .onFailure().transform(failure -> asProblem(failure, null))
                .onTermination().invoke(() -> {
                    primary.end();
                    span.end();
                });
    }

    // ---------------------------------------------------------------------------------------------------------
    // Where statements run

    private Uni<Ran> onReplica(String name, Command command, boolean simple, Role role) {
        NodeStatus replica = monitor.status(name);
        return recoverOnReplica(run(replica, command, simple, Placement.replicaRead()), replica, command, simple, role);
    }

    /**
     * What a replica's failure leaves to do ({@link Recovery}): a write it refused runs on the primary as a write, a
     * function it does not know yet or the replica itself gone runs on the primary as a read.
     */
    private Uni<Ran> recoverOnReplica(Uni<Ran> attempt, NodeStatus replica, Command command, boolean simple,
            Role role) {
        return attempt.onFailure().recoverWithUni(failure -> {
            switch (Recovery.afterReplicaFailure(sqlState(failure), isConnectionFailure(failure))) {
                case RETRY_AS_WRITE -> {
                    // the classifier called it a read but the replica saw a write: run it where writes run
                    metrics.misrouted();
                    LOG.warnf("replica %s refused a statement as a write (25006); retrying on the primary: %s",
                            replica.name(), Credentials.redact(command.sql()));
                    return onPrimary(command, simple, Placement.write(role == Role.READER)).map(Ran::asMisrouted);
                }
                case RETRY_AS_PRIMARY_READ -> {
                    metrics.fellBackToPrimary("replica-behind-catalog");
                    return readOnPrimary(command, simple, role);
                }
                case MARK_FAILED_AND_RETRY_AS_PRIMARY_READ -> {
                    replica.failed(message(failure), clock.instant());
                    metrics.fellBackToPrimary("replica-failed");
                    return readOnPrimary(command, simple, role);
                }
                default -> {
                    return Uni.createFrom().failure(failure);
                }
            }
        });
    }

    /**
     * A replica's read on the primary ({@link Placement#primaryRead()}): read only, with the primary's token; a
     * statement that turns out to write is run again as one, so it invalidates what it wrote.
     */
    private Uni<Ran> readOnPrimary(Command command, boolean simple, Role role) {
        return onPrimary(command, simple, Placement.primaryRead())
                .onFailure(failure -> Recovery.afterPrimaryReadFailure(sqlState(failure),
                        role == Role.READER) == Recovery.RETRY_AS_WRITE)
                .recoverWithUni(failure -> {
                    metrics.misrouted();
                    LOG.warnf("the primary refused a read as a write (25006); running it as a write: %s",
                            Credentials.redact(command.sql()));
                    return onPrimary(command, simple, Placement.write(false)).map(Ran::asMisrouted);
                });
    }

    private Uni<Ran> onPrimary(Command command, boolean simple, Placement placement) {
        NodeStatus primary = monitor.primary();
        return Uni.createFrom().deferred(() -> {
            requirePrimary(primary);
            return run(primary, command, simple, placement);
        }).onFailure().transform(failure -> primaryFailure(primary, failure));
    }

    private void requirePrimary(NodeStatus primary) {
        boolean checked = !primary.lastCheck().equals(java.time.Instant.EPOCH);
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

    private Throwable primaryFailure(NodeStatus primary, Throwable failure) {
        if (isConnectionFailure(failure)) {
            primary.failed(message(failure), clock.instant());
            return ProblemException.unavailable("the primary is unreachable: " + message(failure),
                    config.primary().retryAfter());
        }
        return failure;
    }

    private Uni<Ran> run(NodeStatus status, Command command, boolean simple, Placement placement) {
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
    private Future<Ran> sharedRead(NodeStatus status, Command command, Lsn before, int timeline) {
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
                    return Future.failedFuture(tooManyRows(command.maxRows(), command.maxRows() + 1, false));
                }
                return Future.succeededFuture(toRan(status.name(), read.result().rows(), command.maxRows(), before,
                        timeline));
            }
            if (read.cause() instanceof PipelinedReads.TimedOut) {
                return Future.failedFuture(timedOut(status.name(), command.timeout()));
            }
            return Future.failedFuture(read.cause());
        });
    }

    /** The statement on a pool connection of its own, for as long as it runs. */
    private Uni<Ran> exclusive(NodeStatus status, Command command, boolean simple, Placement placement, Lsn before,
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
                        .transform(failure -> tooManyRows(command.maxRows(), command.maxRows() + 1, false))
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
                ran = ran.chain(result -> token(connection).map(result::withToken));
            }
            return ran.ifNoItem().after(command.timeout())
                    .recoverWithUni(() -> cancel(connection, status.name(), command.timeout()))
                    .onTermination().invoke(status::released);
        }).onFailure().transform(failure -> poolExhausted(status.name(), failure));
    }

    private static Ran toRan(String node, io.vertx.sqlclient.RowSet<io.vertx.sqlclient.Row> rows, int maxRows, Lsn before,
            int timeline) {
        if (rows.size() > maxRows) {
            throw tooManyRows(maxRows, rows.size(), false);
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

    private static Uni<SqlResult<List<io.vertx.sqlclient.Row>>> boundedRead(SqlConnection connection, Command command,
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

    private <T> Uni<T> cancel(SqlConnection connection, String node, Duration timeout) {
        return PgConnection.cast(connection).cancelRequest().onFailure().recoverWithNull()
                .chain(() -> Uni.createFrom().failure(timedOut(node, timeout)));
    }

    private ProblemException timedOut(String node, Duration timeout) {
        metrics.timedOut(node);
        return ProblemException.database(504, "statement-timeout",
                "the statement ran longer than timeoutMs=" + timeout.toMillis() + " and was cancelled", "57014");
    }

    /** The commit's WAL position: read after the statement (autocommit) or COMMIT on the same connection. */
    private Uni<String> token(SqlConnection connection) {
        int timeline = monitor.primary().timeline();
        String sql = timeline > 0
                ? "SELECT pg_current_wal_insert_lsn()::text, " + timeline
                : "SELECT pg_current_wal_insert_lsn()::text, (SELECT timeline_id FROM pg_control_checkpoint())";
        return connection.query(sql).execute().map(rows -> {
            Row row = rows.iterator().next();
            return new ConsistencyToken(row.getInteger(1), Lsn.parse(row.getString(0))).encode();
        });
    }

    /**
     * Waits, within the deadline, for the most advanced replica to replay the token, asking it directly (a lag sample
     * may be up to one interval old) with a short growing pause between checks. Null when it did not make it.
     */
    private Uni<String> awaitReplay(String replica, ConsistencyToken token, long deadline, int attempt) {
        NodeStatus status = monitor.status(replica);
        return status.node().pool().query("SELECT COALESCE(pg_last_wal_replay_lsn(), '0/0')::text").execute()
                .map(rows -> Lsn.parse(rows.iterator().next().getString(0)).isAtLeast(token.lsn()))
                .onFailure().recoverWithItem(false)
                .chain(replayed -> {
                    long left = deadline - System.nanoTime();
                    if (replayed) {
                        return Uni.createFrom().item(replica);
                    }
                    if (left <= 0) {
                        return Uni.createFrom().nullItem();
                    }
                    long pauseNanos = Math.min(left, Duration.ofMillis(Math.min(20, 1L << Math.min(attempt, 5))).toNanos());
                    return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofNanos(pauseNanos))
                            .chain(() -> awaitReplay(replica, token, deadline, attempt + 1));
                });
    }

    // ---------------------------------------------------------------------------------------------------------
    // Results, slow log, errors

    private static Ran toRan(String node, RowSet<Row> result, int maxRows, Lsn before, int timeline) {
        io.vertx.sqlclient.RowSet<io.vertx.sqlclient.Row> rows = result.getDelegate();
        if (rows.size() > maxRows) {
            throw tooManyRows(maxRows, rows.size(), false);
        }
        return new Ran(node, ResultRows.columns(rows.columnDescriptors()), ResultRows.rows(rows), null, before, timeline,
                false, false);
    }

    private static Ran toRan(String node, SqlResult<List<io.vertx.sqlclient.Row>> result, BoundedRows bounded,
            int maxRows, Lsn before, int timeline) {
        List<io.vertx.sqlclient.Row> rows = result.value();
        if (bounded.reachedLimit() || rows.size() > maxRows) {
            throw tooManyRows(maxRows, rows.size(), false);
        }
        List<List<Object>> values = new ArrayList<>(rows.size());
        rows.forEach(row -> values.add(ResultRows.values(row)));
        return new Ran(node, ResultRows.columns(result.columnDescriptors()), values, null, before, timeline, false,
                false);
    }

    private static ProblemException tooManyRows(int maxRows, int seen, boolean write) {
        String size = write
                ? "the write was committed, but it returns " + seen + " rows, more than maxRows=" + maxRows
                : "the result has more than maxRows=" + maxRows + " rows (reading stopped at row " + seen + ")";
        return ProblemException.field(422, "Unprocessable Content", "too-many-rows", "maxRows", "max",
                size + "; add a LIMIT or raise maxRows (up to the configured router.query.max-rows)");
    }

    /**
     * One statement of a transaction, asked for at most maxRows + 1 rows (a cursor: Execute with a row count, so the
     * server stops there without a cancel request that could outlive the statement); more fails it, and the
     * transaction rolls back. Multi-statement strings are read whole, then each result checked.
     */
    private static Uni<StatementResult> transactionStatement(SqlConnection connection, String sql, Tuple params,
            boolean simple, int maxRows, int index) {
        if (simple) {
            return connection.query(sql).execute().map(rows -> {
                for (RowSet<Row> result = rows; result != null; result = result.next()) {
                    if (result.size() > maxRows) {
                        throw tooManyRowsInTransaction(maxRows, index);
                    }
                }
                return toStatementResult(last(rows));
            });
        }
        return connection.prepare(sql).chain(prepared -> {
            Cursor cursor = prepared.cursor(params);
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

    private void recordIfSlow(Command command, Classification classification, String node, String reason,
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

    private static ProblemException refused(Refusal refusal, String field) {
        return ProblemException.field(Status.BAD_REQUEST, "session-state", field, "stateless", refusal.why());
    }

    /**
     * No pool connection within router.pool.acquire-timeout, or the wait queue full: the node is busy, not broken,
     * so this is a 503 of its own that neither trips the breaker nor moves the read elsewhere.
     */
    private Throwable poolExhausted(String node, Throwable failure) {
        // Vert.x fails the acquisition with a stackless "Timeout" (PoolImpl) or "Timeout waiting for connection"
        boolean timedOut = (failure instanceof io.vertx.core.impl.NoStackTraceThrowable
                || failure instanceof io.vertx.core.VertxException)
                && ("Timeout".equals(failure.getMessage())
                        || "Timeout waiting for connection".equals(failure.getMessage()));
        boolean queueFull = failure instanceof io.vertx.core.http.ConnectionPoolTooBusyException;
        if (!timedOut && !queueFull) {
            return failure;
        }
        metrics.poolExhausted(node, timedOut);
        return ProblemException.unavailable("no connection to " + node + " was free within router.pool.acquire-timeout="
                + config.pool().acquireTimeout().toMillis() + " ms" + (queueFull ? " (wait queue full)" : "")
                + "; the node is saturated, retry later", config.primary().retryAfter());
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

    private static String sqlState(Throwable failure) {
        return failure instanceof PgException pg && pg.getSqlState() != null ? pg.getSqlState() : "";
    }

    private static String message(Throwable failure) {
        return failure.getMessage() == null ? failure.getClass().getSimpleName() : Credentials.redact(failure.getMessage());
    }

    /** PostgreSQL's refusals keep their SQLSTATE; parameter binding errors name the parameters. */
    private static Throwable asProblem(Throwable failure, String field) {
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

    // ---------------------------------------------------------------------------------------------------------
    // Validation

    private Command validate(QueryRequest request) {
        return validate(request, config.query().maxRows());
    }

    private Command validate(QueryRequest request, int rowLimit) {
        if (request == null) {
            throw ProblemException.invalid("body", "required", "a JSON body with at least sql is required");
        }
        String sql = validSql(request.sql(), "sql");
        ConsistencyLevel level = defaultLevel;
        if (request.consistency() != null) {
            level = ConsistencyLevel.fromWire(request.consistency()).orElseThrow(() -> ProblemException.invalid(
                    "consistency", "enum", "consistency must be one of eventual, bounded, strong, read-your-writes"));
        }
        Optional<Duration> staleness = Optional.empty();
        if (request.maxStalenessMs() != null) {
            if (request.maxStalenessMs() < 0) {
                throw ProblemException.invalid("maxStalenessMs", "min", "maxStalenessMs must be 0 or more");
            }
            staleness = Optional.of(Duration.ofMillis(request.maxStalenessMs()));
        } else if (level == ConsistencyLevel.BOUNDED) {
            throw ProblemException.invalid("maxStalenessMs", "required", "bounded consistency needs maxStalenessMs");
        }
        Optional<ConsistencyToken> token = Optional.empty();
        if (request.consistencyToken() != null) {
            try {
                token = Optional.of(ConsistencyToken.parse(request.consistencyToken()));
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("consistencyToken", "format", "consistencyToken " + e.getMessage());
            }
        }
        int maxRows = maxRows(request.maxRows(), rowLimit);
        if (request.cacheTtl() != null && (request.cacheTtl() < 0 || request.cacheTtl() > cache.maxTtl().toSeconds())) {
            throw ProblemException.invalid("cacheTtl", "range",
                    "cacheTtl must be between 0 and " + cache.maxTtl().toSeconds() + " seconds");
        }
        Tuple params = JsonParams.tuple(request.params(), "params");
        return new Command(sql, params, level, staleness, token, timeout(request.timeoutMs()), maxRows);
    }

    private static int maxRows(Integer requested, int max) {
        if (requested == null) {
            return max;
        }
        if (requested < 1 || requested > max) {
            throw ProblemException.invalid("maxRows", "range", "maxRows must be between 1 and " + max);
        }
        return requested;
    }

    private Duration timeout(Long timeoutMs) {
        if (timeoutMs == null) {
            return config.query().defaultTimeout();
        }
        long max = config.query().maxTimeout().toMillis();
        if (timeoutMs < 1 || timeoutMs > max) {
            throw ProblemException.invalid("timeoutMs", "range", "timeoutMs must be between 1 and " + max);
        }
        return Duration.ofMillis(timeoutMs);
    }

    private String validSql(String sql, String field) {
        if (sql == null || sql.isBlank()) {
            throw ProblemException.invalid(field, "required", field + " must hold a SQL statement");
        }
        if (sql.length() > config.query().maxSqlLength()) {
            throw ProblemException.field(Status.REQUEST_ENTITY_TOO_LARGE, "sql-too-long", field, "max-length",
                    field + " is " + sql.length() + " characters; the limit is " + config.query().maxSqlLength());
        }
        return sql;
    }

    private static String isolation(String isolation) {
        if (isolation == null) {
            return "READ COMMITTED";
        }
        return switch (isolation.toLowerCase(Locale.ROOT).replace('_', ' ').replace('-', ' ')) {
            case "read committed" -> "READ COMMITTED";
            case "repeatable read" -> "REPEATABLE READ";
            case "serializable" -> "SERIALIZABLE";
            default -> throw ProblemException.invalid("isolation", "enum",
                    "isolation must be read-committed, repeatable-read or serializable");
        };
    }
}
