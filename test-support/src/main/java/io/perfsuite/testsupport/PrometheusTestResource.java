package io.perfsuite.testsupport;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts a {@link PrometheusServer} (1 s scrape interval, no targets) for a Quarkus test, publishes its URL and
 * injects the handle into {@link TestServer} fields, so the test can add its own scrape targets.
 */
public class PrometheusTestResource implements QuarkusTestResourceLifecycleManager {

    /** {@code http://127.0.0.1:<port>}. */
    public static final String URL_PROPERTY = "perfsuite.test.prometheus.url";

    private PrometheusServer server;

    @Override
    public Map<String, String> start() {
        server = PrometheusServer.launch();
        return Map.of(URL_PROPERTY, server.url());
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(server,
                new TestInjector.AnnotatedAndMatchesType(TestServer.class, PrometheusServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
