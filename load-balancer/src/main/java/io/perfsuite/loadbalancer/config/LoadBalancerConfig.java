package io.perfsuite.loadbalancer.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "lb")
public interface LoadBalancerConfig {

    /**
     * The upstream servers, as {@code http://host:port}: the whole configuration of a one-pool setup, and the
     * backends of any pool in the routing file that lists none.
     */
    @NotEmpty
    List<@HttpUri URI> backends();

    /** The routing file (YAML, see the README); without it every request goes to {@link #backends()}. */
    Optional<Path> configFile();

    /** How often the routing file is checked for changes. */
    @WithDefault("2s")
    Duration configReloadInterval();

    /** Active health checks of the {@link #backends()} pool; the routing file sets its own per pool. */
    HealthCheck healthCheck();

    Proxy proxy();

    Tracing tracing();

    interface Tracing {
        /** Share of requests without a traceparent that start a trace; with one they are always traced. */
        @WithDefault("0.01")
        @jakarta.validation.constraints.DecimalMin("0")
        @jakarta.validation.constraints.DecimalMax("1")
        double rootRatio();
    }

    interface HealthCheck {
        /** Path probed on each backend. */
        @WithDefault("/q/health/ready")
        @Pattern(regexp = "/.*", message = "must start with /")
        String path();

        @WithDefault("2s")
        Duration interval();

        @WithDefault("1s")
        Duration timeout();
    }

    interface Proxy {
        /** The port clients connect to (0 picks a free one, for tests). */
        @WithDefault("8080")
        @Min(0)
        @Max(65535)
        int port();

        @WithDefault("0.0.0.0")
        String host();

        /**
         * A second port for cleartext HTTP/2 (prior knowledge and Upgrade: h2c); absent: none. HTTP/1.1 requests on it
         * may not use Transfer-Encoding (the framing guard needs the main port's pipeline).
         */
        OptionalInt h2cPort();

        /**
         * A port for TLS clients, HTTP/2 and HTTP/1.1 chosen by ALPN; absent: none. A port of its own rather than TLS
         * on {@link #port()}: in-cluster callers and sidecars keep the plain port while the edge moves to TLS, and
         * each listener keeps one framing story (see the README's "HTTP/2"). Needs {@code tls.cert-path} and
         * {@code tls.key-path}.
         */
        OptionalInt tlsPort();

        /** The TLS port's certificate and key. */
        Tls tls();

        /** Event loops serving the proxy port, one server and one backend client each; default: Quarkus' count. */
        OptionalInt eventLoops();

        /** Larger request heads get 431 (HAProxy and nginx allow 8-16 KiB). */
        @WithDefault("16384")
        @Min(1024)
        int maxHeaderSize();

        /** Longer request lines get 414. */
        @WithDefault("8192")
        @Min(256)
        int maxInitialLineLength();

        /** Keep-alive connections per backend and event loop. */
        @WithDefault("256")
        @Min(1)
        int maxConnectionsPerBackend();

        /** How long an unused keep-alive connection to a backend is kept. */
        @WithDefault("60s")
        Duration backendKeepAlive();

        /** Client connections idle this long are closed. */
        @WithDefault("120s")
        Duration clientIdleTimeout();

        /** On SIGTERM, how long in-flight requests get to finish before connections are closed. */
        @WithDefault("30s")
        Duration shutdownDeadline();
    }

    interface Tls {
        /** PEM certificate chain, leaf first (a Kubernetes TLS Secret's {@code tls.crt}). */
        Optional<Path> certPath();

        /** PEM private key, PKCS#8 or PKCS#1 (a Kubernetes TLS Secret's {@code tls.key}). */
        Optional<Path> keyPath();

        /**
         * How often the two files are read again; changed contents replace the certificate for new connections (a
         * renewed Secret, without a restart). 0 turns it off.
         */
        @WithDefault("30s")
        Duration reloadInterval();
    }
}
