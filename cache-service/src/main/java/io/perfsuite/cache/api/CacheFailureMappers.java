package io.perfsuite.cache.api;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.perfsuite.api.problem.ProblemException;
import io.perfsuite.cache.origin.OriginClient.OriginFailureException;
import io.perfsuite.cache.tier.WriteRefusedException;

/** This service's own failures as problem bodies; every other failure is mapped by the suite's api-support. */
public class CacheFailureMappers {

    @ServerExceptionMapper
    public Response refused(WriteRefusedException e) {
        return new ProblemException(Response.Status.SERVICE_UNAVAILABLE, e.getMessage())
                .withHeader("Retry-After", Long.toString(e.retryAfterSeconds())).toResponse();
    }

    @ServerExceptionMapper
    public Response origin(OriginFailureException e) {
        return new ProblemException(Response.Status.BAD_GATEWAY, e.getMessage()).toResponse();
    }
}
