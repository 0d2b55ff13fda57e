package io.perfsuite.router.api;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.perfsuite.router.config.RouterConfig.Role;
import io.perfsuite.router.observability.SlowQueryLog;
import io.perfsuite.router.problem.ProblemException;
import io.perfsuite.router.query.QueryExecutor;
import io.perfsuite.router.query.TransactionResult;
import io.perfsuite.router.routing.Classification;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * The SQL gateway's other calls: run a transaction, classify without running, read the slow-query log. Single
 * statements ({@code POST /v1/query}) are served by {@link QueryRoute}.
 */
@Path("/v1")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class QueryResource {

    /** What POST /v1/classify returns. */
    public record ClassifyResponse(String route, String reason, List<String> tables, String refusal) {
    }

    private final QueryExecutor executor;
    private final SecurityIdentity identity;
    private final SlowQueryLog slowLog;

    QueryResource(QueryExecutor executor, SecurityIdentity identity, SlowQueryLog slowLog) {
        this.executor = executor;
        this.identity = identity;
        this.slowLog = slowLog;
    }

    @POST
    @Path("/transaction")
    @RolesAllowed("reader")
    public Uni<TransactionResult> transaction(TransactionRequest request) {
        Role role = Role.of(identity.getRoles());
        return Uni.createFrom().deferred(() -> executor.transaction(request, role));
    }

    @POST
    @Path("/classify")
    @RolesAllowed("reader")
    public ClassifyResponse classify(ClassifyRequest request) {
        if (request == null) {
            throw ProblemException.invalid("body", "required", "a JSON body with sql is required");
        }
        Classification classification = executor.classify(request.sql());
        return new ClassifyResponse(classification.route().wireName(), classification.reason(),
                classification.tables().stream().sorted().toList(),
                classification.refusal().map(refusal -> refusal.why()).orElse(null));
    }

    @GET
    @Path("/slow-queries")
    @RolesAllowed("admin")
    public List<SlowQueryLog.Entry> slowQueries() {
        return slowLog.recent();
    }
}
