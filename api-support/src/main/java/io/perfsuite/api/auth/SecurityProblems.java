package io.perfsuite.api.auth;

import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.perfsuite.api.problem.ProblemException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * Authentication and authorization failures as problem bodies. Quarkus REST applies these mappers to proactive
 * authentication failures too, so a handler outside Jakarta REST that meets an unknown key answers the same way
 * ({@code ApiKeyAuthenticationTest.shouldAnswerUnknownKeyOutsideJakartaRestWithProblemBody}).
 */
@Singleton
public class SecurityProblems {

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return toProblem(e).toResponse();
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return toProblem(e).toResponse();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return toProblem(e).toResponse();
    }

    static ProblemException toProblem(Throwable failure) {
        if (failure instanceof AuthenticationFailedException) {
            return ApiKeys.unauthorized("unknown API key");
        }
        if (failure instanceof UnauthorizedException) {
            return ApiKeys.unauthorized("an API key is required: send Authorization: Bearer <key> or X-API-Key: <key>");
        }
        if (failure instanceof ForbiddenException) {
            return ApiKeys.forbidden(null);
        }
        return null;
    }
}
