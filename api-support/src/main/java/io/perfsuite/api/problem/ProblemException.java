package io.perfsuite.api.problem;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.core.Response;

/** A request the service refuses, carrying the problem body to answer with and any headers it needs. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;
    private final transient Map<String, String> headers;

    public ProblemException(Problem problem) {
        this(problem, Map.of());
    }

    public ProblemException(int status, String detail) {
        this(Problem.of(status, detail));
    }

    public ProblemException(Response.Status status, String detail) {
        this(status.getStatusCode(), detail);
    }

    private ProblemException(Problem problem, Map<String, String> headers) {
        // no stack trace: a refusal is an answer, not a failure to debug
        super(problem.detail(), null, false, false);
        this.problem = problem;
        this.headers = Map.copyOf(headers);
    }

    public static ProblemException forField(int status, String field, String rule, String detail) {
        return new ProblemException(Problem.forField(status, field, rule, detail));
    }

    /** 400 naming the field and the rule it broke. */
    public static ProblemException invalid(String field, String rule, String detail) {
        return forField(400, field, rule, detail);
    }

    public ProblemException withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ProblemException(problem, more);
    }

    public ProblemException with(String member, Object value) {
        return new ProblemException(problem.with(member, value), headers);
    }

    public Problem problem() {
        return problem;
    }

    public int status() {
        return problem.status();
    }

    public Map<String, String> headers() {
        return headers;
    }

    public Response toResponse() {
        Response.ResponseBuilder response = Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
        headers.forEach(response::header);
        return response.build();
    }

}
