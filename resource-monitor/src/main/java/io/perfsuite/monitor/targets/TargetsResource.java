package io.perfsuite.monitor.targets;

import java.util.Comparator;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.perfsuite.api.problem.ProblemException;
import io.perfsuite.monitor.prometheus.PrometheusApi;
import io.perfsuite.monitor.prometheus.TargetsResponse;
import io.smallrye.mutiny.Uni;

/** Which services Prometheus scrapes and whether the last scrape worked. */
@Path("/v1/targets")
@Produces(MediaType.APPLICATION_JSON)
public class TargetsResource {

    private final PrometheusApi prometheus;

    TargetsResource(PrometheusApi prometheus) {
        this.prometheus = prometheus;
    }

    public record Targets(List<ScrapeTarget> targets) {
    }

    @GET
    public Uni<Targets> list() {
        return prometheus.targets("active")
                .onFailure().transform(e -> new ProblemException(503, "Prometheus is unavailable: " + e.getMessage())
                        .withHeader("Retry-After", "5"))
                .map(TargetsResource::toTargets);
    }

    private static Targets toTargets(TargetsResponse response) {
        List<ScrapeTarget> targets = response.data().activeTargets().stream()
                .map(t -> new ScrapeTarget(t.labels().get("job"), t.labels().get("instance"), t.health(), t.lastScrape(),
                        t.lastError() == null || t.lastError().isEmpty() ? null : t.lastError()))
                .sorted(Comparator.comparing(ScrapeTarget::job).thenComparing(ScrapeTarget::instance))
                .toList();
        return new Targets(targets);
    }
}
