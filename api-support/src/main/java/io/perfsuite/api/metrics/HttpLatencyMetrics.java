package io.perfsuite.api.metrics;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.config.MeterFilter;

/**
 * Hands Quarkus' Micrometer extension the latency-bucket filter; it applies every {@link MeterFilter} bean to the
 * service's registries before the first meter is made, and a bad bucket list stops the start-up here.
 */
@Singleton
public class HttpLatencyMetrics {

    @Produces
    @Singleton
    MeterFilter httpLatencyHistogram(HttpLatencyConfig config) {
        return filterFor(config);
    }

    static MeterFilter filterFor(HttpLatencyConfig config) {
        if (!config.httpLatencyEnabled()) {
            return new MeterFilter() {
            };
        }
        return new HttpLatencyHistogram(config.httpLatencyMeters(),
                LatencyBuckets.of(HttpLatencyConfig.BUCKETS_PROPERTY, config.httpLatencyBuckets()));
    }
}
