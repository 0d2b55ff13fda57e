package io.perfsuite.loadbalancer.health;

import java.util.Map;

import io.perfsuite.testsupport.TestServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Starts one {@link StubBackend} and points {@code lb.backends} at it. */
public class StubBackendResource implements QuarkusTestResourceLifecycleManager {

    private final StubBackend backend = new StubBackend();

    @Override
    public Map<String, String> start() {
        backend.start();
        return Map.of("lb.backends", "http://127.0.0.1:" + backend.port());
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(backend, new TestInjector.AnnotatedAndMatchesType(TestServer.class, StubBackend.class));
    }

    @Override
    public void stop() {
        backend.close();
    }
}
