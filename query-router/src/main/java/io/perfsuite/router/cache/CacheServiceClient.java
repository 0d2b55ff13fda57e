package io.perfsuite.router.cache;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;

/** The part of cache-service's API the router uses (see cache-service/README.md); trace context goes along. */
@RegisterRestClient(configKey = "cache-service")
@Path("/v1/cache/{namespace}")
public interface CacheServiceClient {

    @GET
    @Path("/{key}")
    Uni<String> get(@PathParam("namespace") String namespace, @PathParam("key") String key,
            @HeaderParam("X-API-Key") String apiKey);

    @PUT
    @Path("/{key}")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> put(@PathParam("namespace") String namespace, @PathParam("key") String key,
            @QueryParam("ttl") String ttl, @QueryParam("tags") String tags, @HeaderParam("X-API-Key") String apiKey,
            String value);

    @POST
    @Path("/invalidate")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> invalidate(@PathParam("namespace") String namespace, @HeaderParam("X-API-Key") String apiKey,
            Map<String, List<String>> body);
}
