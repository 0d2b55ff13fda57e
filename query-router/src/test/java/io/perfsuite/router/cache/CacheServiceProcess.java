package io.perfsuite.router.cache;

import java.util.Map;

import io.perfsuite.testsupport.PackagedApp;
import io.perfsuite.testsupport.RedisServer;

/**
 * The real cache-service, from its packaged jar (built before this module: query-router has a test-scoped,
 * transitive-free dependency on it) run by test-support's {@link PackagedApp}, in front of a real Redis. Stop and
 * start it (same port) to test the router without it.
 */
public final class CacheServiceProcess implements AutoCloseable {

    static final String API_KEY = "test-router-cache-key-0001";

    private final RedisServer redis;
    private final PackagedApp app;

    private CacheServiceProcess(RedisServer redis, PackagedApp app) {
        this.redis = redis;
        this.app = app;
    }

    static CacheServiceProcess launch() {
        RedisServer redis = RedisServer.launch();
        try {
            PackagedApp app = PackagedApp.builder("cache-service", PackagedApp.moduleJar("cache-service"))
                    .config(Map.of(
                            "quarkus.redis.hosts", redis.uri(),
                            "quarkus.otel.traces.exporter", "none",
                            "perfsuite.auth.api-keys.router.secret", API_KEY,
                            "perfsuite.auth.api-keys.router.roles", "admin",
                            "cache.namespaces.query-router.default-ttl", "1m"))
                    .start();
            return new CacheServiceProcess(redis, app);
        } catch (RuntimeException e) {
            redis.close();
            throw e;
        }
    }

    public String url() {
        return app.url();
    }

    public void start() {
        app.start();
    }

    public void stop() {
        app.stop();
    }

    @Override
    public void close() {
        app.close();
        redis.close();
    }
}
