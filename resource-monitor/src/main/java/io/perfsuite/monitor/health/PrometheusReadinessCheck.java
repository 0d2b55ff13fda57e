package io.perfsuite.monitor.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.perfsuite.monitor.config.MonitorConfig;
import io.perfsuite.monitor.prometheus.PrometheusApi;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;

/** Everything the monitor shows comes from Prometheus: without it the monitor has nothing true to say. */
@Readiness
@ApplicationScoped
public class PrometheusReadinessCheck implements AsyncHealthCheck {

    private final PrometheusApi prometheus;
    private final String url;

    PrometheusReadinessCheck(PrometheusApi prometheus, MonitorConfig config) {
        this.prometheus = prometheus;
        this.url = config.prometheus().url().toString();
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return prometheus.ready()
                .map(body -> HealthCheckResponse.named("prometheus").up().withData("url", url).build())
                .onFailure().recoverWithItem(failure -> HealthCheckResponse.named("prometheus").down()
                        .withData("url", url)
                        .withData("error", String.valueOf(failure.getMessage()))
                        .build());
    }
}
