package io.perfsuite.autoscaler.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.perfsuite.autoscaler.config.AutoscalerConfig;
import io.perfsuite.autoscaler.metrics.PrometheusApi;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;

/**
 * The autoscaler decides from Prometheus. While Prometheus is unreachable policies hold their replicas (missing data
 * never scales down), and this check says so instead of pretending all is well.
 */
@Readiness
@ApplicationScoped
public class MetricsSourceReadinessCheck implements AsyncHealthCheck {

    private final PrometheusApi prometheus;
    private final String url;

    MetricsSourceReadinessCheck(PrometheusApi prometheus, AutoscalerConfig config) {
        this.prometheus = prometheus;
        this.url = config.prometheus().url().toString();
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("metrics-source").withData("prometheus", url);
        return prometheus.ready()
                .map(ignored -> response.up().build())
                .onFailure().recoverWithItem(failure -> response.down()
                        .withData("error", String.valueOf(failure.getMessage()))
                        .build());
    }
}
