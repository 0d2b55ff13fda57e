package io.perfsuite.loadbalancer.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.perfsuite.loadbalancer.endpoint.EndpointSpec;
import io.perfsuite.loadbalancer.endpoint.PoolPolicy;

/** The routing configuration as a whole: what the YAML file (or {@code lb.backends} alone) says. Immutable. */
public record ProxySettings(List<PoolSettings> pools, List<RouteSettings> routes) {

    public static final String DEFAULT_POOL = "default";

    /** The one-pool setup: every request goes to {@code backends}, balanced by the default strategy. */
    public static ProxySettings singlePool(List<URI> backends) {
        PoolSettings pool = new PoolSettings(DEFAULT_POOL, PoolSettings.DEFAULT_STRATEGY, "client-ip",
                StickySettings.DEFAULT, backends.stream().map(EndpointSpec::of).toList(), null, HealthCheckSettings.DEFAULT,
                PoolPolicy.DEFAULT,
                Timeouts.DEFAULT);
        RouteSettings route = new RouteSettings(DEFAULT_POOL, null, "/", Map.of(), List.of(new PoolWeight(DEFAULT_POOL, 1)));
        return new ProxySettings(List.of(pool), List.of(route));
    }

    /**
     * @param hashKey what consistent-hash hashes: {@code client-ip}, {@code header:NAME} or {@code cookie:NAME}
     * @param sticky sticky-cookie's cookie and fallback strategy
     */
    public record PoolSettings(String name, String strategy, String hashKey, StickySettings sticky,
            List<EndpointSpec> backends,
            KubernetesService kubernetes, HealthCheckSettings healthCheck, PoolPolicy policy, Timeouts timeouts) {

        public static final String DEFAULT_STRATEGY = "peak-ewma";
    }

    /** sticky-cookie: the cookie that pins a client, and the strategy that picks when it pins nothing available. */
    public record StickySettings(String cookie, String fallback) {

        public static final StickySettings DEFAULT = new StickySettings("lb-sticky", PoolSettings.DEFAULT_STRATEGY);
    }

    /**
     * Backends discovered from a Kubernetes Service's EndpointSlices (ready endpoints only).
     *
     * @param scheme {@code http}, {@code https}, or {@code auto}: from the slice port's {@code appProtocol}, else its
     *        name
     */
    public record KubernetesService(String namespace, String service, String port, String scheme) {

        public static final String AUTO = "auto";
        public static final List<String> SCHEMES = List.of(AUTO, "http", "https");

        public KubernetesService(String namespace, String service, String port) {
            this(namespace, service, port, AUTO);
        }
    }

    /**
     * Active health checks, HAProxy's {@code inter 2s} with Envoy's expected-status.
     *
     * @param path null disables active checks
     */
    public record HealthCheckSettings(String path, Duration interval, Duration timeout, int expectedStatus) {

        public static final HealthCheckSettings DEFAULT = new HealthCheckSettings("/q/health/ready",
                Duration.ofSeconds(2), Duration.ofSeconds(1), 200);

        public boolean enabled() {
            return path != null;
        }
    }

    /** Per-attempt timeouts: connect (502 when it passes), response head (504), and silence mid-body. */
    public record Timeouts(Duration connect, Duration request, Duration idle) {

        public static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(30),
                Duration.ofSeconds(60));
    }

    /**
     * First match wins; a null or empty condition matches everything.
     *
     * @param host exact host name, or {@code *.example.com} for any subdomain; compared without the port
     */
    public record RouteSettings(String name, String host, String pathPrefix, Map<String, String> headers,
            List<PoolWeight> pools) {
    }

    /** A pool behind a route and its share of the route's traffic (canary, blue-green). */
    public record PoolWeight(String pool, int weight) {
    }
}
