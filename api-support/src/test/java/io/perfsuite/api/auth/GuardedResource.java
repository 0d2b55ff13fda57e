package io.perfsuite.api.auth;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;

import io.perfsuite.api.problem.ProblemException;
import io.perfsuite.api.problem.ProblemWriter;
import io.vertx.ext.web.Router;

/** A service's resources in miniature: what the shared mechanism and mappers are tested against. */
@Path("/guarded")
public class GuardedResource {

    public record Order(@NotBlank String item, @Max(10) int quantity) {
    }

    @Inject
    ApiKeys apiKeys;

    @GET
    @Path("/public")
    @PermitAll
    public String open() {
        return "open";
    }

    @GET
    @Path("/read")
    @RolesAllowed("read")
    public String read(@Context SecurityContext security) {
        return security.getUserPrincipal().getName();
    }

    @POST
    @Path("/orders")
    @RolesAllowed("write")
    public Order order(@Valid Order order) {
        return order;
    }

    @GET
    @Path("/admin")
    @RolesAllowed("admin")
    public String admin() {
        return "admin";
    }

    @GET
    @Path("/broken")
    @PermitAll
    public String broken() {
        throw new IllegalStateException("secret internals");
    }

    @GET
    @Path("/busy")
    @PermitAll
    public String busy() {
        throw new ProblemException(503, "try later").withHeader("Retry-After", "2");
    }

    /** A handler outside Jakarta REST, as the load-balancer's admin API is. */
    void routes(@Observes Router router) {
        router.get("/raw/admin").handler(context -> {
            try {
                ApiKeys.Identity identity = apiKeys.require(context.request()::getHeader, "admin");
                context.response().end(identity.name());
            } catch (ProblemException e) {
                ProblemWriter.write(context.response(), e);
            }
        });
    }
}
