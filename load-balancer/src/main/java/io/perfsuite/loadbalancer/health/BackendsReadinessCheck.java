package io.perfsuite.loadbalancer.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.perfsuite.loadbalancer.upstream.BackendProber;
import io.perfsuite.loadbalancer.upstream.BackendProber.ProbeResult;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;

/** A proxy with no healthy backend can only answer 503s: take it out of rotation until one returns. */
@Readiness
@ApplicationScoped
public class BackendsReadinessCheck implements AsyncHealthCheck {

    private final BackendProber prober;

    BackendsReadinessCheck(BackendProber prober) {
        this.prober = prober;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return Uni.join().all(prober.backends().stream().map(prober::probe).toList()).andFailFast()
                .map(results -> {
                    HealthCheckResponseBuilder response = HealthCheckResponse.named("backends");
                    long healthy = results.stream().filter(ProbeResult::healthy).count();
                    results.forEach(
                            r -> response.withData(r.backend().authority(), (r.healthy() ? "UP " : "DOWN ") + r.detail()));
                    return response.withData("healthy", healthy).status(healthy > 0).build();
                });
    }
}
