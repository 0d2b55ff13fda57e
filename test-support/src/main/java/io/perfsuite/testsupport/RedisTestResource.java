package io.perfsuite.testsupport;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts a {@link RedisServer} (or, with init arg {@code cluster=true}, a {@link RedisCluster}) for a Quarkus test,
 * points {@code quarkus.redis.hosts} at it and injects the handle into {@link TestServer} fields.
 */
public class RedisTestResource implements QuarkusTestResourceLifecycleManager {

    /** Init arg: {@code "true"} starts a {@value RedisCluster#MASTERS}-master Redis Cluster instead of one server. */
    public static final String CLUSTER_ARG = "cluster";

    /** The server URI, or the cluster's node URIs comma-separated, as in {@code quarkus.redis.hosts}. */
    public static final String URI_PROPERTY = "perfsuite.test.redis.uri";

    private boolean clusterMode;
    private RedisServer server;
    private RedisCluster cluster;

    @Override
    public void init(Map<String, String> initArgs) {
        clusterMode = Boolean.parseBoolean(initArgs.getOrDefault(CLUSTER_ARG, "false"));
    }

    @Override
    public Map<String, String> start() {
        if (clusterMode) {
            cluster = RedisCluster.launch();
            String hosts = String.join(",", cluster.uris());
            return Map.of(
                    "quarkus.redis.hosts", hosts,
                    "quarkus.redis.client-type", "cluster",
                    URI_PROPERTY, hosts);
        }
        server = RedisServer.launch();
        return Map.of(
                "quarkus.redis.hosts", server.uri(),
                URI_PROPERTY, server.uri());
    }

    @Override
    public void inject(TestInjector testInjector) {
        if (server != null) {
            testInjector.injectIntoFields(server,
                    new TestInjector.AnnotatedAndMatchesType(TestServer.class, RedisServer.class));
        }
        if (cluster != null) {
            testInjector.injectIntoFields(cluster,
                    new TestInjector.AnnotatedAndMatchesType(TestServer.class, RedisCluster.class));
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }
}
