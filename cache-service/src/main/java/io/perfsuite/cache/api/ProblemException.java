package io.perfsuite.cache.api;

import java.util.List;

import jakarta.ws.rs.core.Response.Status;

/** A request the cache refuses, with the field and rule to name in the problem body. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    ProblemException(Status status, String detail) {
        super(detail, null, false, false);
        this.problem = new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), detail, List.of());
    }

    ProblemException(Status status, String field, String rule, String message) {
        super(field + ": " + message, null, false, false);
        this.problem = new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), field + " " + message,
                List.of(new Problem.FieldError(field, rule, message)));
    }

    static ProblemException invalid(String field, String rule, String message) {
        return new ProblemException(Status.BAD_REQUEST, field, rule, message);
    }

    public Problem problem() {
        return problem;
    }
}
