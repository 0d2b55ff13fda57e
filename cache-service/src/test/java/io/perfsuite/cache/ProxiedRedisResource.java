package io.perfsuite.cache;

import java.util.Map;

import io.perfsuite.testsupport.RedisServer;
import io.perfsuite.testsupport.TestServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real Redis the service reaches only through a {@link TcpProxy}, as a user with a password: the proxy breaks the
 * network while Redis keeps its data, and the password shows whether any output leaks a credential. Injects both
 * handles into {@link TestServer} fields.
 */
public class ProxiedRedisResource implements QuarkusTestResourceLifecycleManager {

    public static final String USER = "cache";
    public static final String PASSWORD = "s3cret-redis-password";

    private RedisServer redis;
    private TcpProxy proxy;

    @Override
    public Map<String, String> start() {
        redis = RedisServer.launch();
        // a user of its own, so the default user stays password-less for the test's direct calls
        redis.call("ACL", "SETUSER", USER, "on", ">" + PASSWORD, "~*", "&*", "+@all");
        proxy = new TcpProxy(redis.port());
        String uri = "redis://" + USER + ":" + PASSWORD + "@127.0.0.1:" + proxy.port();
        return Map.of("quarkus.redis.hosts", uri, "perfsuite.test.redis.uri", uri,
                // a silent stream is found within a second instead of the shipped 7 s
                "cache.coherence.keepalive-interval", "300ms", "cache.coherence.keepalive-timeout", "500ms");
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(redis, new TestInjector.AnnotatedAndMatchesType(TestServer.class, RedisServer.class));
        injector.injectIntoFields(proxy, new TestInjector.AnnotatedAndMatchesType(TestServer.class, TcpProxy.class));
    }

    @Override
    public void stop() {
        if (proxy != null) {
            proxy.close();
        }
        if (redis != null) {
            redis.close();
        }
    }
}
