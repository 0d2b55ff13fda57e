package io.perfsuite.router.problem;

import java.util.stream.Collectors;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/** Turns every failure into a problem body: clients never see a stack trace. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return e.toResponse();
    }

    /** Takes precedence over Quarkus' own mapper for this type, which answers without a problem body. */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        return unreadableJson(e);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e) {
        return unreadable(e).toResponse();
    }

    /** A body Jackson could not read, naming the field when the JSON was valid but a value did not fit. */
    public static ProblemException unreadable(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            return ProblemException.invalid(field, "type", field + " has the wrong type: " + e.getOriginalMessage());
        }
        return ProblemException.invalid("body", "json", "the body is not valid JSON: " + e.getOriginalMessage());
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json);
        }
        Response.Status status = Response.Status.fromStatusCode(e.getResponse().getStatus());
        Response.Status known = status == null ? Response.Status.BAD_REQUEST : status;
        String kind = known.getStatusCode() == 413 ? "body-too-large" : "http";
        return ProblemException.of(known, kind, e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("unhandled failure", e);
        return ProblemException.of(Response.Status.INTERNAL_SERVER_ERROR, "internal", "internal error; see the router log")
                .toResponse();
    }
}
