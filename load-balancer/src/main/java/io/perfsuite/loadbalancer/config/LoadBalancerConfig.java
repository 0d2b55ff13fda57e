package io.perfsuite.loadbalancer.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "lb")
public interface LoadBalancerConfig {

    /** The upstream servers, as {@code http://host:port}. */
    @NotEmpty
    List<@HttpUri URI> backends();

    HealthCheck healthCheck();

    interface HealthCheck {
        /** Path probed on each backend; any 2xx counts as healthy. */
        @WithDefault("/q/health/ready")
        @Pattern(regexp = "/.*", message = "must start with /")
        String path();

        @WithDefault("1s")
        Duration timeout();
    }
}
