package io.perfsuite.router.cache;

import java.util.Map;

import io.perfsuite.testsupport.TestServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Runs the real cache-service (and its Redis) for a Quarkus test and points the router's cache at it. */
public class CacheServiceTestResource implements QuarkusTestResourceLifecycleManager {

    private CacheServiceProcess service;

    @Override
    public Map<String, String> start() {
        service = CacheServiceProcess.launch();
        return Map.of(
                "router.cache.enabled", "true",
                "router.cache.api-key", CacheServiceProcess.API_KEY,
                "quarkus.rest-client.cache-service.url", service.url());
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(service,
                new TestInjector.AnnotatedAndMatchesType(TestServer.class, CacheServiceProcess.class));
    }

    @Override
    public void stop() {
        if (service != null) {
            service.close();
        }
    }
}
