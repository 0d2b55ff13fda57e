package io.perfsuite.monitor.prometheus;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import io.smallrye.mutiny.Uni;

/** The parts of the Prometheus HTTP API the monitor reads. Built by {@link PrometheusClientProducer}. */
@Path("/")
public interface PrometheusApi {

    @GET
    @Path("-/ready")
    Uni<String> ready();

    @GET
    @Path("api/v1/targets")
    Uni<TargetsResponse> targets(@QueryParam("state") String state);

    /** An instant query; {@code time} as Unix seconds with a fraction, as Prometheus takes it. */
    @GET
    @Path("api/v1/query")
    Uni<QueryResponse> query(@QueryParam("query") String query, @QueryParam("time") String time);

    /** A range query (the dashboard's charts); times as Unix seconds, step in seconds. */
    @GET
    @Path("api/v1/query_range")
    Uni<QueryResponse> queryRange(@QueryParam("query") String query, @QueryParam("start") String start,
            @QueryParam("end") String end, @QueryParam("step") String step);
}
