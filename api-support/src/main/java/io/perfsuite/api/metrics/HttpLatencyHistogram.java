package io.perfsuite.api.metrics;

import java.util.Set;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/**
 * Gives the named timers fixed latency buckets and nothing else: {@code _bucket} series that Prometheus'
 * {@code histogram_quantile} aggregates across replicas, 14 per route instead of the 69 of Micrometer's
 * percentile histogram. Every other meter keeps the configuration it was built with.
 */
public final class HttpLatencyHistogram implements MeterFilter {

    private final Set<String> meterNames;
    private final double[] bucketNanos;

    public HttpLatencyHistogram(Set<String> meterNames, LatencyBuckets buckets) {
        this.meterNames = Set.copyOf(meterNames);
        this.bucketNanos = buckets.nanos();
    }

    @Override
    public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
        if (id.getType() != Meter.Type.TIMER || !meterNames.contains(id.getName())) {
            return config;
        }
        // the percentile histogram is switched off even where a meter's builder asked for it: these buckets replace
        // it rather than adding a dozen series to its seventy
        return DistributionStatisticConfig.builder().percentilesHistogram(false).serviceLevelObjectives(bucketNanos)
                .build().merge(config);
    }
}
