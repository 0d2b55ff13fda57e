package io.perfsuite.cache.origin;

import java.util.Map;

import io.perfsuite.testsupport.TestServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Starts an {@link OriginServer} and configures the read-through namespace {@code items} to load from it. */
public class OriginServerResource implements QuarkusTestResourceLifecycleManager {

    private final OriginServer origin = new OriginServer();

    @Override
    public Map<String, String> start() {
        origin.start();
        return Map.of(
                "cache.namespaces.items.origin", "http://127.0.0.1:" + origin.port() + "/items/{key}",
                "cache.namespaces.items.public-read", "true",
                "cache.namespaces.items.stale-if-error", "5m",
                "cache.namespaces.items.stale-while-revalidate", "30s",
                "cache.namespaces.items.negative-ttl", "10s",
                "cache.origin.max-body-bytes", "64K");
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(origin, new TestInjector.AnnotatedAndMatchesType(TestServer.class, OriginServer.class));
    }

    @Override
    public void stop() {
        origin.close();
    }
}
