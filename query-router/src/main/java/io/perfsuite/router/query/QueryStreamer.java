package io.perfsuite.router.query;

import jakarta.enterprise.context.ApplicationScoped;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.perfsuite.router.api.QueryRequest;
import io.perfsuite.router.config.RouterConfig;
import io.perfsuite.router.config.RouterConfig.Role;
import io.perfsuite.router.execution.Recovery;
import io.perfsuite.router.execution.ResponseToken;
import io.perfsuite.router.execution.RoutePlan;
import io.perfsuite.router.observability.FailureEvents;
import io.perfsuite.router.observability.RouterMetrics;
import io.perfsuite.router.pg.FunctionCatalogLoader;
import io.perfsuite.router.pg.NodeStatus;
import io.perfsuite.router.pg.ReplicaLagMonitor;
import io.perfsuite.router.problem.ProblemException;
import io.perfsuite.router.routing.Classification;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.vertx.UniHelper;
import io.vertx.core.Future;
import io.vertx.mutiny.sqlclient.Cursor;

/**
 * Streams a read's rows (POST /v1/query/stream), routed by the same rules as a query ({@link RoutePlan}): the replica
 * the consistency level allows, else the primary with its token. It runs in a REPEATABLE READ, READ ONLY transaction,
 * so every batch comes from one snapshot, through a cursor fetching {@code router.query.stream-batch-rows} at a time.
 * A replica that fails before the stream started is left for the primary ({@link Recovery#afterStreamFailure}).
 * Results are not cached.
 */
@ApplicationScoped
public class QueryStreamer {

    private final FunctionCatalogLoader catalog;
    private final ReplicaLagMonitor monitor;
    private final RoutePlanner planner;
    private final NodeCalls calls;
    private final RouterConfig config;
    private final RouterMetrics metrics;
    private final Tracer tracer;
    private final Admission admission;

    QueryStreamer(FunctionCatalogLoader catalog, ReplicaLagMonitor monitor, RoutePlanner planner, NodeCalls calls,
            RouterConfig config, RouterMetrics metrics, Tracer tracer) {
        this.catalog = catalog;
        this.monitor = monitor;
        this.planner = planner;
        this.calls = calls;
        this.config = config;
        this.metrics = metrics;
        this.tracer = tracer;
        this.admission = new Admission(config);
    }

    /** Completes with the number of rows sent; invalid requests throw a {@link ProblemException}. */
    public Future<Long> stream(QueryRequest request, Role role, RowSink sink) {
        QueryCommand command = admission.command(request, config.query().streamMaxRows());
        if (request.cacheTtl() != null && request.cacheTtl() > 0) {
            throw ProblemException.invalid("cacheTtl", "not-streamed", "streamed results are not cached; leave out "
                    + "cacheTtl or use POST /v1/query");
        }
        Classification classification = catalog.classify(command.sql());
        classification.refusal().ifPresent(refusal -> {
            throw Admission.refused(refusal, "sql");
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
        RoutePlan plan = planner.plan(command, classification, role == Role.READER);
        String reason = plan.reason();
        span.setAttribute("router.reason", reason);
        Uni<String> node = switch (plan.step()) {
            case REPLICA -> Uni.createFrom().item(plan.node().get());
            case AWAIT_REPLAY -> calls.awaitReplay(plan.node().get(), command.token().orElseThrow())
                    .invoke(replica -> {
                        if (replica == null) {
                            metrics.fellBackToPrimary(plan.fallbackCause().get());
                        }
                    });
            default -> {
                metrics.fellBackToPrimary(plan.fallbackCause().get());
                yield Uni.createFrom().nullItem();
            }
        };
        Uni<Long> streamed = node.chain(replica -> replica == null
                ? onPrimary(command, reason, sink)
                : on(monitor.status(replica), false, command, reason, sink)
                        .onFailure(failure -> Recovery.afterStreamFailure(sink.started(),
                                DatabaseFailures.isConnectionFailure(failure)) != Recovery.NONE)
                        .recoverWithUni(failure -> {
                            calls.replicaFailed(monitor.status(replica), failure);
                            metrics.fellBackToPrimary("replica-failed");
                            return onPrimary(command, reason, sink);
                        }));
        return UniHelper.toFuture(streamed.onItem().invoke(rows -> span.setAttribute("router.rows", rows))
                .onFailure().transform(failure -> {
                    FailureEvents.record(span, failure);
                    return DatabaseFailures.asProblem(failure, null);
                }).onTermination().invoke(span::end));
    }

    private Uni<Long> onPrimary(QueryCommand command, String reason, RowSink sink) {
        NodeStatus primary = monitor.primary();
        return Uni.createFrom().deferred(() -> {
            calls.requirePrimary(primary);
            return on(primary, true, command, reason, sink);
        }).onFailure().transform(failure -> calls.primaryFailure(primary, failure));
    }

    private Uni<Long> on(NodeStatus status, boolean primary, QueryCommand command, String reason, RowSink sink) {
        String echoed = ResponseToken.echoed(command.token());
        status.begin();
        return status.node().pool().withConnection(connection -> {
            status.acquired();
            // the snapshot is taken by the first statement: on the primary the token, so it covers every row sent
            Uni<String> token = connection.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY").execute()
                    .chain(() -> primary ? calls.token(connection) : Uni.createFrom().item(echoed));
            Uni<Long> rows = token.chain(tok -> connection.prepare(command.sql()).chain(prepared -> {
                Cursor cursor = prepared.cursor(command.params());
                return new ReadStream(cursor, sink, config.query().streamBatchRows(), command.maxRows(),
                        status.name(), reason, tok).run()
                        .eventually(() -> cursor.close().onFailure().recoverWithNull())
                        .eventually(() -> prepared.close().onFailure().recoverWithNull());
            }));
            // every way out ends the transaction: the connection goes back to the pool
            return rows.ifNoItem().after(command.timeout())
                    .recoverWithUni(() -> calls.<Long>cancel(connection, status.name(), command.timeout()))
                    .call(() -> connection.query("COMMIT").execute())
                    .onFailure().call(() -> connection.query("ROLLBACK").execute().onFailure().recoverWithNull())
                    .onTermination().invoke(status::released);
        }).onFailure().transform(failure -> calls.poolExhausted(status.name(), failure))
                .onTermination().invoke(status::end);
    }
}
