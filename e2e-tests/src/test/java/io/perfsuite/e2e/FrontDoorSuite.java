package io.perfsuite.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.perfsuite.e2e.tracing.TraceBackend;
import io.perfsuite.testsupport.FreePort;
import io.perfsuite.testsupport.PackagedApp;
import io.perfsuite.testsupport.PostgresCluster;
import io.perfsuite.testsupport.RedisServer;

/**
 * The suite's request path as separate processes, as {@code scripts/run-local.sh} runs it: the load-balancer as the
 * front door, routing {@code /v1/query} to query-router, which caches results in cache-service; real Redis and a
 * PostgreSQL primary with a streaming replica behind them; every service's real OTLP exporter pointed at the trace
 * backend. The local demo's shop sits behind the load-balancer too ({@code /shop/}), keeping its data through
 * query-router.
 */
final class FrontDoorSuite implements AutoCloseable {

    /** query-router's key for the test's calls (role reader). */
    static final String READER_KEY = "e2e-reader-key-5c1f0b2d93a7";
    /** cache-service's key for query-router (role admin: its writes invalidate tags). */
    static final String CACHE_KEY = "e2e-cache-admin-key-8e41d7a0c6f2";
    /** query-router's key for the demo shop (role admin: it creates its tables). */
    static final String SHOP_KEY = "e2e-shop-admin-key-1b9e4f7c20d5";
    static final String STRATEGY = "peak-ewma";

    private final Started started = new Started();
    private RedisServer redis;
    private PostgresCluster postgres;
    private PackagedApp cache;
    private PackagedApp router;
    private int proxyPort;
    private int managementPort;

    private FrontDoorSuite() {
    }

    static FrontDoorSuite start(TraceBackend traces) {
        FrontDoorSuite suite = new FrontDoorSuite();
        try {
            suite.launch(traces);
            return suite;
        } catch (RuntimeException e) {
            suite.close();
            throw e;
        }
    }

    private void launch(TraceBackend traces) {
        redis = opened(RedisServer.launch());
        postgres = opened(PostgresCluster.launch());

        PackagedApp.Builder cacheApp = PackagedApp.builder("cache-service", PackagedApp.moduleJar("cache-service"))
                .config(traces.exporterConfig())
                .config(Map.of(
                        "quarkus.redis.hosts", redis.uri(),
                        "cache.namespaces.query-router.default-ttl", "1m",
                        "perfsuite.auth.api-keys.router.secret", CACHE_KEY,
                        "perfsuite.auth.api-keys.router.roles", "admin"));
        PackagedApp.Builder routerApp = PackagedApp.builder("query-router", PackagedApp.moduleJar("query-router"))
                .config(traces.exporterConfig())
                .config(Map.of(
                        "router.primary.uri", postgres.primaryUri(),
                        "router.replicas", postgres.replicaUri(),
                        "router.cache.enabled", "true",
                        "router.cache.api-key", CACHE_KEY,
                        // a loaded CI machine: a lookup slower than the default 250 ms would be a miss
                        "router.cache.timeout", "2s",
                        "quarkus.rest-client.cache-service.url", "http://" + FreePort.LOOPBACK_HOST + ":" + cacheApp.port(),
                        "perfsuite.auth.api-keys.e2e.secret", READER_KEY,
                        "perfsuite.auth.api-keys.e2e.roles", "reader"))
                .config("perfsuite.auth.api-keys.shop.secret", SHOP_KEY)
                .config("perfsuite.auth.api-keys.shop.roles", "admin");
        // two JVMs starting at once: start-up is most of this test's time
        CompletableFuture<PackagedApp> cacheStarted = CompletableFuture.supplyAsync(cacheApp::start);
        CompletableFuture<PackagedApp> routerStarted = CompletableFuture.supplyAsync(routerApp::start);
        cache = opened(cacheStarted.join());
        router = opened(routerStarted.join());
        DemoShopProcess shop = opened(DemoShopProcess.start(router.url(), SHOP_KEY));

        proxyPort = FreePort.find();
        managementPort = FreePort.find();
        opened(PackagedApp.builder("load-balancer", PackagedApp.moduleJar("load-balancer"))
                .config(traces.exporterConfig())
                .config(Map.of(
                        "lb.proxy.host", FreePort.LOOPBACK_HOST,
                        "lb.proxy.port", String.valueOf(proxyPort),
                        "lb.proxy.event-loops", "2",
                        "lb.config-file", routingFile(router.port(), cacheApp.port(), shop.port()).toString(),
                        "quarkus.management.port", String.valueOf(managementPort),
                        "quarkus.management.host", FreePort.LOOPBACK_HOST))
                .healthPort(managementPort)
                .start());
    }

    /** The front door's routing, as run-local.sh writes it. */
    private static Path routingFile(int routerPort, int cachePort, int shopPort) {
        String yaml = """
                pools:
                  - name: query-router
                    strategy: %1$s
                    backends: [http://127.0.0.1:%2$d]
                    health-check: {path: /q/health/ready, interval: 500ms}
                  - name: cache-service
                    backends: [http://127.0.0.1:%3$d]
                    health-check: {path: /q/health/ready, interval: 500ms}
                  - name: demo-shop
                    backends: [http://127.0.0.1:%4$d]
                    health-check: {path: /health, interval: 500ms}
                routes:
                  - {name: query, match: {path-prefix: /v1/query}, pool: query-router}
                  - {name: cache, match: {path-prefix: /v1/cache/}, pool: cache-service}
                  - {name: shop, match: {path-prefix: /shop/}, pool: demo-shop}
                """.formatted(STRATEGY, routerPort, cachePort, shopPort);
        try {
            Path file = Path.of("target", "e2e-lb-routing-" + routerPort + ".yaml").toAbsolutePath();
            Files.writeString(file, yaml);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T extends AutoCloseable> T opened(T resource) {
        return started.add(resource);
    }

    String frontDoor() {
        return "http://" + FreePort.LOOPBACK_HOST + ":" + proxyPort;
    }

    int routerPort() {
        return router.port();
    }

    String routerUrl() {
        return router.url();
    }

    String redisUri() {
        return redis.uri();
    }

    /** Where Prometheus scrapes each service's {@code /q/metrics}, by job (the service's name, as infra.sh names them). */
    Map<String, String> metricsTargets() {
        String host = FreePort.LOOPBACK_HOST + ":";
        return Map.of("cache-service", host + cache.port(), "query-router", host + router.port(),
                "load-balancer", host + managementPort);
    }

    PostgresCluster postgres() {
        return postgres;
    }

    @Override
    public void close() {
        started.close();
    }
}
