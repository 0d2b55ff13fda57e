package io.perfsuite.cache.api;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.perfsuite.api.problem.ProblemException;
import io.perfsuite.cache.namespace.Namespace;
import io.perfsuite.cache.warm.WarmJobs;
import io.smallrye.mutiny.Uni;

/**
 * Warming a read-through namespace ahead of traffic. {@code GET .../warm} is progress, so a key named {@code warm}
 * is read with batch-get.
 */
@Path("/v1/cache/{namespace}/warm")
public class WarmResource {

    private final WarmJobs jobs;
    private final RequestRules rules;
    private final ReadAccess readAccess;

    WarmResource(WarmJobs jobs, RequestRules rules, ReadAccess readAccess) {
        this.jobs = jobs;
        this.rules = rules;
        this.readAccess = readAccess;
    }

    public record WarmRequest(List<String> keys) {
    }

    @POST
    @RolesAllowed(CacheRoles.WRITE)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response warm(@PathParam("namespace") String namespace, WarmRequest request, @Context HttpHeaders headers) {
        Namespace ns = rules.namespace(namespace);
        if (!ns.readThrough()) {
            throw ProblemException.forField(409, "namespace", "read-through",
                    "'" + namespace + "' has no origin to warm from; write the values instead");
        }
        List<String> keys = request == null || request.keys() == null ? List.of() : request.keys();
        rules.checkBatch("keys", keys.size());
        for (int i = 0; i < keys.size(); i++) {
            rules.checkKey("keys[" + i + "]", keys.get(i));
        }
        WarmJobs.Progress started = jobs.start(ns, List.copyOf(new LinkedHashSet<>(keys)));
        return Response.accepted(started).location(URI.create("/v1/cache/" + namespace + "/warm")).build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Map<String, List<WarmJobs.Progress>>> progress(@PathParam("namespace") String namespace,
            @Context HttpHeaders headers) {
        Namespace ns = rules.namespace(namespace);
        readAccess.require(headers::getHeaderString, ns);
        return jobs.list(ns).map(list -> Map.of("jobs", list));
    }
}
