package io.perfsuite.router.cache;

import java.time.Duration;
import java.util.Map;

import io.perfsuite.testsupport.FreePort;
import io.perfsuite.testsupport.TestServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points the router's result cache at a {@link SlowHttpServer}, through an address with credentials in it (which the
 * router must never print), with a breaker that opens after two failed calls and stays open for a minute.
 */
public class SlowCacheServiceResource implements QuarkusTestResourceLifecycleManager {

    static final String PASSWORD = "s3cret-cache-pw";

    private SlowHttpServer server;

    @Override
    public Map<String, String> start() {
        server = SlowHttpServer.start(Duration.ofSeconds(3));
        return Map.of(
                "router.cache.enabled", "true",
                "router.cache.api-key", "slow-cache-key-0001",
                "router.cache.timeout", "200ms",
                "router.cache.breaker.request-volume-threshold", "2",
                "router.cache.breaker.failure-ratio", "0.5",
                "router.cache.breaker.delay", "1m",
                "quarkus.rest-client.cache-service.url",
                "http://router:" + PASSWORD + "@" + FreePort.LOOPBACK_HOST + ":" + server.port());
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(server,
                new TestInjector.AnnotatedAndMatchesType(TestServer.class, SlowHttpServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
