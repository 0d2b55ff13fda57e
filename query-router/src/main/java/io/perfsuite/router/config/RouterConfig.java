package io.perfsuite.router.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the PostgreSQL nodes are and how the router talks to them. */
@ConfigMapping(prefix = "router")
public interface RouterConfig {

    Primary primary();

    /** Streaming replicas of the primary; reads fall back to the primary when none is usable. */
    List<@PostgresUri URI> replicas();

    Pool pool();

    Health health();

    interface Primary {
        @PostgresUri
        URI uri();
    }

    interface Pool {
        /** Connections per node. */
        @WithDefault("16")
        @Min(1)
        @Max(1000)
        int maxSize();
    }

    interface Health {
        /** How long a node may take to answer a probe before it counts as down. */
        @WithDefault("1s")
        Duration timeout();
    }
}
