package io.perfsuite.loadbalancer.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.perfsuite.loadbalancer.testing.TestBackends.Kind;
import io.perfsuite.testsupport.FreePort;
import io.perfsuite.testsupport.TestServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts the {@link TestBackends} and writes the routing file the proxy under test reads: one route per fault, so
 * each test picks its backend by path.
 */
public class ProxyBackendsResource implements QuarkusTestResourceLifecycleManager {

    private final TestBackends backends = new TestBackends();
    private RoutingFixture fixture;

    @Override
    public Map<String, String> start() {
        TestBackends.Backend echo1 = backends.start("echo-1", Kind.ECHO);
        TestBackends.Backend echo2 = backends.start("echo-2", Kind.ECHO);
        TestBackends.Backend slow = backends.start("slow", Kind.SLOW);
        TestBackends.Backend unavailable = backends.start("unavailable", Kind.UNAVAILABLE);
        TestBackends.Backend dying = backends.start("dying", Kind.DYING);
        TestBackends.Backend canary = backends.start("canary", Kind.ECHO);
        // fails its health checks from the start: its pool (route /panic) is in panic mode
        backends.start("sick", Kind.ECHO).healthStatus = 503;
        int closed = FreePort.find();
        try {
            Path dir = Files.createTempDirectory("lb-test");
            Path file = dir.resolve("lb.yaml");
            fixture = new RoutingFixture(file, backends, closed);
            fixture.writeDefault();
            TestCertificate certificate = TestCertificate.create(dir);
            // a port chosen here, so tests know where the management interface is
            return Map.of("lb.config-file", file.toString(), "lb.config-reload-interval", "100ms",
                    "lb.backends", echo1.url(), "quarkus.management.test-port", Integer.toString(FreePort.find()),
                    "lb.proxy.tls-port", "0",
                    "lb.proxy.tls.cert-path", certificate.certPath().toString(),
                    "lb.proxy.tls.key-path", certificate.keyPath().toString(),
                    "lb.proxy.tls.reload-interval", "200ms");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The management interface (health, metrics, admin) of the application under test. */
    public static String managementUrl() {
        return "http://127.0.0.1:" + org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("quarkus.management.test-port", Integer.class);
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(backends,
                new TestInjector.AnnotatedAndMatchesType(TestServer.class, TestBackends.class));
        injector.injectIntoFields(fixture,
                new TestInjector.AnnotatedAndMatchesType(TestServer.class, RoutingFixture.class));
    }

    @Override
    public void stop() {
        backends.close();
    }
}
