package io.perfsuite.monitor.dashboard;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What the dashboard page links to and reads besides this service; checked at start-up. */
@ConfigMapping(prefix = "monitor.dashboard")
public interface DashboardConfig {

    /** Jaeger's UI, e.g. {@code http://jaeger:16686}; without it alerts and slow queries show no trace links. */
    Optional<URI> jaegerUrl();

    /** How often the page reloads its panels. */
    @WithDefault("10")
    @Min(1)
    @Max(3600)
    int refreshSeconds();

    Autoscaler autoscaler();

    QueryRouter queryRouter();

    interface Autoscaler {
        /** The autoscaler's base URL; without it the page says scaling decisions are not configured. */
        Optional<URI> url();

        /** The policies whose decisions the page shows, as {@code namespace/name}. */
        Optional<List<@Pattern(regexp = "[a-z0-9]([-a-z0-9]*[a-z0-9])?/[a-z0-9]([-.a-z0-9]*[a-z0-9])?", message = "must be namespace/name (Kubernetes names)") String>> policies();

        /** Sent as {@code X-API-Key} when the autoscaler asks for one. */
        Optional<String> apiKey();

        /** Connect and read timeout of each call: a slow autoscaler must not hold the page. */
        @WithDefault("2s")
        Duration timeout();

        /** Most decisions shown per policy, newest first. */
        @WithDefault("10")
        @Min(1)
        @Max(1000)
        int decisions();
    }

    interface QueryRouter {
        /** query-router's base URL for its slow-query log; without it the slow-query panel says so. */
        Optional<URI> url();

        /** An admin key of query-router: its slow-query log shows other clients' SQL. */
        Optional<String> apiKey();

        @WithDefault("2s")
        Duration timeout();
    }
}
