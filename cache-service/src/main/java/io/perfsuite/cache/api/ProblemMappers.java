package io.perfsuite.cache.api;

import java.util.List;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.perfsuite.cache.origin.OriginClient.OriginFailureException;
import io.perfsuite.cache.tier.WriteRefusedException;

/** Turns every failure into a problem body: clients never see a stack trace. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return e.problem().toResponse();
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e) {
        return ProblemException.invalid("body", "json", "is not valid JSON: " + e.getOriginalMessage()).problem().toResponse();
    }

    @ServerExceptionMapper
    public Response refused(WriteRefusedException e) {
        Response problem = new ProblemException(Response.Status.SERVICE_UNAVAILABLE, e.getMessage()).problem().toResponse();
        return Response.fromResponse(problem).header("Retry-After", Long.toString(e.retryAfterSeconds())).build();
    }

    @ServerExceptionMapper
    public Response origin(OriginFailureException e) {
        return new ProblemException(Response.Status.BAD_GATEWAY, e.getMessage()).problem().toResponse();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json);
        }
        Response.Status status = Response.Status.fromStatusCode(e.getResponse().getStatus());
        Response.Status known = status == null ? Response.Status.BAD_REQUEST : status;
        return new Problem("about:blank", known.getReasonPhrase(), known.getStatusCode(), e.getMessage(), List.of())
                .toResponse();
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("unhandled failure", e);
        return new ProblemException(Response.Status.INTERNAL_SERVER_ERROR, "internal error; see the service log")
                .problem().toResponse();
    }
}
