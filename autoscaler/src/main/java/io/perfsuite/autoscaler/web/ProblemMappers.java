package io.perfsuite.autoscaler.web;

import java.util.List;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.perfsuite.autoscaler.metrics.PrometheusQueryException;
import io.perfsuite.autoscaler.policy.InvalidSpecException;

/** Turns every failure into a problem body: clients never see a stack trace. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return e.problem().toResponse();
    }

    @ServerExceptionMapper
    public Response invalidSpec(InvalidSpecException e) {
        return new ProblemException(Response.Status.BAD_REQUEST, e.violations().stream()
                .map(v -> new Problem.FieldError(v.field(), v.rule(), v.message())).toList()).problem().toResponse();
    }

    @ServerExceptionMapper
    public Response prometheus(PrometheusQueryException e) {
        Response.Status status = e.rejected() ? Response.Status.BAD_REQUEST : Response.Status.BAD_GATEWAY;
        return new ProblemException(status, e.getMessage()).problem().toResponse();
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e) {
        String field = "body";
        String rule = "json";
        if (e instanceof MismatchedInputException m && !m.getPath().isEmpty()) {
            field = path(m);
            rule = e instanceof InvalidFormatException ? "type" : "shape";
        }
        return ProblemException.invalid(field, rule, "cannot be read: " + e.getOriginalMessage()).problem()
                .toResponse();
    }

    /** Declared for the exact types Quarkus maps itself, so the body is a problem here too. */
    @ServerExceptionMapper
    public Response unparsableJson(JsonParseException e) {
        return unreadableJson(e);
    }

    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e) {
        return unreadableJson(e);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json);
        }
        Response.Status status = Response.Status.fromStatusCode(e.getResponse().getStatus());
        Response.Status known = status == null ? Response.Status.BAD_REQUEST : status;
        return new Problem("about:blank", known.getReasonPhrase(), known.getStatusCode(), e.getMessage(), null, null,
                List.of()).toResponse();
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("unhandled failure", e);
        return new ProblemException(Response.Status.INTERNAL_SERVER_ERROR, "internal error; see the service log")
                .problem().toResponse();
    }

    private static String path(MismatchedInputException e) {
        StringBuilder path = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
