package io.perfsuite.autoscaler.metrics;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;

/** The Prometheus HTTP API as the autoscaler uses it. Built by {@link PrometheusApiProducer}. */
@Path("/")
public interface PrometheusApi {

    /** 200 once Prometheus has loaded its storage and can answer queries. */
    @GET
    @Path("-/ready")
    Uni<String> ready();

    /** An instant query at the server's current time. */
    @GET
    @Path("api/v1/query")
    Uni<JsonNode> query(@QueryParam("query") String query);

    /** A range query; start and end in unix seconds, step like {@code 60s}. */
    @GET
    @Path("api/v1/query_range")
    Uni<JsonNode> queryRange(@QueryParam("query") String query, @QueryParam("start") String start,
            @QueryParam("end") String end, @QueryParam("step") String step);
}
