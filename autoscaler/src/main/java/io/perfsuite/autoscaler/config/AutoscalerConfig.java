package io.perfsuite.autoscaler.config;

import java.net.URI;
import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "autoscaler")
public interface AutoscalerConfig {

    Prometheus prometheus();

    interface Prometheus {
        /** Base URL of the Prometheus HTTP API the policies' PromQL runs against. */
        URI url();

        /** Connect and read timeout of each query; a failed query feeds the policy's fallback. */
        @WithDefault("2s")
        Duration timeout();
    }
}
