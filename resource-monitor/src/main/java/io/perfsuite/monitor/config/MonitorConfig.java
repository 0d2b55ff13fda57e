package io.perfsuite.monitor.config;

import java.net.URI;
import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "monitor")
public interface MonitorConfig {

    Prometheus prometheus();

    interface Prometheus {
        /** Base URL of the Prometheus HTTP API, e.g. {@code http://prometheus:9090}. */
        URI url();

        /** Connect and read timeout of each call; a slow Prometheus must not hold request threads. */
        @WithDefault("2s")
        Duration timeout();
    }
}
