package io.perfsuite.monitor.prometheus;

import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.perfsuite.monitor.config.MonitorConfig;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;

/** Builds the Prometheus client from the typed configuration, so its URL and timeouts are validated in one place. */
@ApplicationScoped
public class PrometheusClientProducer {

    @Produces
    @ApplicationScoped
    PrometheusApi prometheusApi(MonitorConfig config) {
        long timeoutMillis = config.prometheus().timeout().toMillis();
        return QuarkusRestClientBuilder.newBuilder()
                .baseUri(config.prometheus().url())
                .connectTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
                .readTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
                .build(PrometheusApi.class);
    }
}
