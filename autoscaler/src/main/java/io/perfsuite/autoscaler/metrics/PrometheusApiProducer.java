package io.perfsuite.autoscaler.metrics;

import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.perfsuite.autoscaler.config.AutoscalerConfig;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;

@ApplicationScoped
public class PrometheusApiProducer {

    @Produces
    @ApplicationScoped
    PrometheusApi prometheusApi(AutoscalerConfig config) {
        AutoscalerConfig.Prometheus prometheus = config.prometheus();
        return QuarkusRestClientBuilder.newBuilder()
                .baseUri(prometheus.url())
                .connectTimeout(prometheus.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(prometheus.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .build(PrometheusApi.class);
    }
}
