package io.perfsuite.autoscaler.metrics;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import io.smallrye.mutiny.Uni;

/** The Prometheus HTTP API as the autoscaler uses it. Built by {@link PrometheusApiProducer}. */
@Path("/")
public interface PrometheusApi {

    /** 200 once Prometheus has loaded its storage and can answer queries. */
    @GET
    @Path("-/ready")
    Uni<String> ready();
}
