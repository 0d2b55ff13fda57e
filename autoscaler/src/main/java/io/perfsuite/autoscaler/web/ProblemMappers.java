package io.perfsuite.autoscaler.web;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.perfsuite.api.problem.Problem;
import io.perfsuite.autoscaler.metrics.PrometheusQueryException;
import io.perfsuite.autoscaler.policy.InvalidSpecException;

/**
 * The autoscaler's own failures as problem bodies; everything else (problems, validation, unreadable JSON,
 * authentication, the catch-all) is mapped by the shared api-support module.
 */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response invalidSpec(InvalidSpecException e) {
        return Problem.forFields(400, e.violations().stream()
                .map(v -> new Problem.FieldError(v.field(), v.rule(), v.message())).toList()).toResponse();
    }

    /** A query Prometheus rejects is the caller's (400); one it cannot answer is upstream's (502). */
    @ServerExceptionMapper
    public Response prometheus(PrometheusQueryException e) {
        return Problem.of(e.rejected() ? 400 : 502, e.getMessage()).toResponse();
    }
}
