package io.perfsuite.api.metrics;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The latency histogram every service publishes for its HTTP requests, under {@code perfsuite.metrics}. */
@ConfigMapping(prefix = "perfsuite.metrics")
public interface HttpLatencyConfig {

    String BUCKETS_PROPERTY = "perfsuite.metrics.http-latency-buckets";

    /** Off: the timers keep what their builders and Quarkus give them (count, sum and max for HTTP requests). */
    @WithDefault("true")
    boolean httpLatencyEnabled();

    /**
     * Bucket upper bounds, 1-2-5 steps from 1 ms to 10 s: an API's answers from an in-memory hit to a timeout, with
     * a bucket on either side of the suite's 1 s p99 alert.
     */
    @WithDefault("1ms,2ms,5ms,10ms,20ms,50ms,100ms,200ms,500ms,1s,2s,5s,10s")
    List<Duration> httpLatencyBuckets();

    /** The timers that get the buckets: Quarkus' HTTP server binder's, plus any a service adds (its proxy's). */
    @WithDefault("http.server.requests")
    Set<String> httpLatencyMeters();
}
