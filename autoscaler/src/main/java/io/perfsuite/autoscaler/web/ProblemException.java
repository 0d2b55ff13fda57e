package io.perfsuite.autoscaler.web;

import java.util.List;

import jakarta.ws.rs.core.Response.Status;

/** A request the service refuses, with the field and rule to name in the problem body. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Status status, String detail) {
        super(detail, null, false, false);
        this.problem = new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), detail, null, null,
                List.of());
    }

    public ProblemException(Status status, List<Problem.FieldError> errors) {
        super(errors.get(0).field() + ": " + errors.get(0).message(), null, false, false);
        Problem.FieldError first = errors.get(0);
        this.problem = new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(),
                first.field() + ": " + first.message(), first.field(), first.rule(), errors);
    }

    public static ProblemException invalid(String field, String rule, String message) {
        return new ProblemException(Status.BAD_REQUEST, List.of(new Problem.FieldError(field, rule, message)));
    }

    public Problem problem() {
        return problem;
    }
}
