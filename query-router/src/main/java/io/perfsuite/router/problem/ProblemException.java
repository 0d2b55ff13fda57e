package io.perfsuite.router.problem;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;

import io.perfsuite.api.problem.Problem;
import io.perfsuite.router.redaction.Credentials;

/**
 * The router's refusals in the suite's one problem shape ({@code io.perfsuite.api.problem}, whose mappers answer
 * them): a {@code urn:perfsuite:query-router:<kind>} type, and the router's extension members, {@code sqlState}
 * (PostgreSQL's code) and {@code consistencyToken} (a write that committed before the request failed).
 */
public class ProblemException extends io.perfsuite.api.problem.ProblemException {

    private static final String TYPE_PREFIX = "urn:perfsuite:query-router:";

    private final transient Duration retryAfter;

    private ProblemException(Problem problem, Duration retryAfter) {
        super(redacted(problem));
        this.retryAfter = retryAfter;
    }

    /** Details quote PostgreSQL and the network, which may quote an address with its password. */
    private static Problem redacted(Problem problem) {
        if (!Credentials.holdsCredentials(problem.detail())) {
            return problem;
        }
        String detail = Credentials.redact(problem.detail());
        List<Problem.FieldError> errors = problem.errors().stream()
                .map(error -> new Problem.FieldError(error.field(), error.rule(), Credentials.redact(error.message())))
                .toList();
        return new Problem(problem.type(), problem.title(), problem.status(), detail, problem.field(), problem.rule(),
                errors, problem.extensions());
    }

    private static Problem problem(int status, String title, String kind, String detail, String field, String rule) {
        List<Problem.FieldError> errors = field == null ? List.of() : List.of(new Problem.FieldError(field, rule, detail));
        return new Problem(TYPE_PREFIX + kind, title, status, detail, field, rule, errors, Map.of());
    }

    private static String title(int status) {
        Status known = Status.fromStatusCode(status);
        return known == null ? (status == 422 ? "Unprocessable Content" : "Error") : known.getReasonPhrase();
    }

    /** @param kind short slug naming the problem type, e.g. {@code invalid-request} */
    public static ProblemException of(Status status, String kind, String detail) {
        return new ProblemException(problem(status.getStatusCode(), status.getReasonPhrase(), kind, detail, null, null),
                null);
    }

    public static ProblemException invalid(String field, String rule, String detail) {
        return field(Status.BAD_REQUEST, "invalid-request", field, rule, detail);
    }

    public static ProblemException field(Status status, String kind, String field, String rule, String detail) {
        return new ProblemException(problem(status.getStatusCode(), status.getReasonPhrase(), kind, detail, field,
                rule), null);
    }

    /** For statuses JAX-RS has no constant for, like 422. */
    public static ProblemException field(int status, String title, String kind, String field, String rule, String detail) {
        return new ProblemException(problem(status, title, kind, detail, field, rule), null);
    }

    public static ProblemException database(int status, String kind, String detail, String sqlState) {
        return new ProblemException(problem(status, title(status), kind, detail, null, null).with("sqlState", sqlState),
                null);
    }

    public static ProblemException unavailable(String detail, Duration retryAfter) {
        return new ProblemException(problem(503, title(503), "unavailable", detail, null, null), retryAfter);
    }

    /** The same problem, telling the client the token of the write that committed before the request failed. */
    public ProblemException withConsistencyToken(String token) {
        return new ProblemException(problem().with("consistencyToken", token), retryAfter);
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** The Retry-After header's value: whole seconds, rounded up, at least 1. */
    public Optional<String> retryAfterHeader() {
        return retryAfter().map(after -> Long.toString(Math.max(1, (after.toMillis() + 999) / 1000)));
    }

    @Override
    public Map<String, String> headers() {
        Optional<String> seconds = retryAfterHeader();
        if (seconds.isEmpty()) {
            return super.headers();
        }
        Map<String, String> headers = new LinkedHashMap<>(super.headers());
        headers.put("Retry-After", seconds.get());
        return headers;
    }

    @Override
    public Response toResponse() {
        Response.ResponseBuilder response = Response.status(problem().status()).type(Problem.MEDIA_TYPE)
                .entity(problem());
        headers().forEach(response::header);
        return response.build();
    }
}
