package io.perfsuite.cache.coherence;

import java.util.Map;

import io.perfsuite.testsupport.PackagedApp;

/**
 * One cache-service replica running the packaged application ({@code target/quarkus-app/quarkus-run.jar}) as its own
 * JVM through test-support's {@link PackagedApp}, the way it runs in production, with its log in
 * {@code target/test-servers/replica-<name>-<port>.log}.
 */
final class ReplicaProcess implements AutoCloseable {

    static final String ADMIN_KEY = "it-admin-secret-000001";

    private final PackagedApp app;

    private ReplicaProcess(PackagedApp app) {
        this.app = app;
    }

    static ReplicaProcess start(String name, String redisUri, Map<String, String> extraConfig) {
        return new ReplicaProcess(PackagedApp.builder("replica-" + name, PackagedApp.moduleJar("cache-service"))
                .config(Map.of(
                        "quarkus.redis.hosts", redisUri,
                        "quarkus.otel.sdk.disabled", "true",
                        "perfsuite.auth.api-keys.it.secret", ADMIN_KEY,
                        "perfsuite.auth.api-keys.it.roles", "admin"))
                .config(extraConfig)
                .start());
    }

    String baseUri() {
        return app.url();
    }

    @Override
    public void close() {
        app.close();
    }

    @Override
    public String toString() {
        return app.toString();
    }
}
