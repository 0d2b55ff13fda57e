package io.perfsuite.router.problem;

import java.time.Duration;
import java.util.Optional;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;

import io.perfsuite.router.redaction.Credentials;

/** A request the router refuses or could not serve, carrying its problem body. */
public class ProblemException extends RuntimeException {

    private static final String TYPE_PREFIX = "urn:perfsuite:query-router:";

    private final transient Problem problem;
    private final transient Duration retryAfter;

    private ProblemException(Problem problem, Duration retryAfter) {
        super(Credentials.redact(problem.detail()), null, false, false);
        // details quote PostgreSQL and the network, which may quote an address with its password
        this.problem = Credentials.holdsCredentials(problem.detail())
                ? new Problem(problem.type(), problem.title(), problem.status(), Credentials.redact(problem.detail()),
                        problem.field(), problem.rule(), problem.sqlState(), problem.consistencyToken())
                : problem;
        this.retryAfter = retryAfter;
    }

    /** @param kind short slug naming the problem type, e.g. {@code invalid-request} */
    public static ProblemException of(Status status, String kind, String detail) {
        return new ProblemException(problem(status, kind, detail, null, null, null), null);
    }

    public static ProblemException invalid(String field, String rule, String detail) {
        return new ProblemException(problem(Status.BAD_REQUEST, "invalid-request", detail, field, rule, null), null);
    }

    public static ProblemException field(Status status, String kind, String field, String rule, String detail) {
        return new ProblemException(problem(status, kind, detail, field, rule, null), null);
    }

    /** For statuses JAX-RS has no constant for, like 422. */
    public static ProblemException field(int status, String title, String kind, String field, String rule, String detail) {
        return new ProblemException(new Problem(TYPE_PREFIX + kind, title, status, detail, field, rule, null, null), null);
    }

    public static ProblemException database(int status, String kind, String detail, String sqlState) {
        Status known = Status.fromStatusCode(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        return new ProblemException(new Problem(TYPE_PREFIX + kind, title, status, detail, null, null, sqlState, null), null);
    }

    public static ProblemException unavailable(String detail, Duration retryAfter) {
        return new ProblemException(problem(Status.SERVICE_UNAVAILABLE, "unavailable", detail, null, null, null),
                retryAfter);
    }

    private static Problem problem(Status status, String kind, String detail, String field, String rule, String sqlState) {
        return new Problem(TYPE_PREFIX + kind, status.getReasonPhrase(), status.getStatusCode(), detail, field, rule,
                sqlState, null);
    }

    /** The same problem, telling the client the token of the write that committed before the request failed. */
    public ProblemException withConsistencyToken(String token) {
        Problem p = problem;
        return new ProblemException(new Problem(p.type(), p.title(), p.status(), p.detail(), p.field(), p.rule(),
                p.sqlState(), token), retryAfter);
    }

    public Problem problem() {
        return problem;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** The Retry-After header's value: whole seconds, rounded up, at least 1. */
    public Optional<String> retryAfterHeader() {
        return retryAfter().map(after -> Long.toString(Math.max(1, (after.toMillis() + 999) / 1000)));
    }

    public Response toResponse() {
        Response.ResponseBuilder response = Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
        retryAfterHeader().ifPresent(seconds -> response.header("Retry-After", seconds));
        return response.build();
    }
}
