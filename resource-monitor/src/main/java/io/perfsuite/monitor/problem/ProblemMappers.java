package io.perfsuite.monitor.problem;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns failures into problem bodies: clients never see a stack trace. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        Response.Status status = Response.Status.fromStatusCode(e.getResponse().getStatus());
        return Problem.of(status == null ? Response.Status.BAD_REQUEST : status, e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response prometheusUnavailable(PrometheusUnavailableException e) {
        Response response = Problem.of(Response.Status.SERVICE_UNAVAILABLE, e.getMessage()).toResponse();
        response.getHeaders().add("Retry-After", "5");
        return response;
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("unhandled failure", e);
        return Problem.of(Response.Status.INTERNAL_SERVER_ERROR, "internal error; see the service log for this trace id")
                .toResponse();
    }
}
