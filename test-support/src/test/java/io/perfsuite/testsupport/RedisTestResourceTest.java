package io.perfsuite.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager.TestInjector;

/** Cluster mode without booting Quarkus: what it publishes and what it injects. */
class RedisTestResourceTest {

    @TestServer
    RedisCluster cluster;

    @TestServer
    RedisServer server;

    @Test
    void shouldPublishEveryNodeAndClusterClientTypeInClusterMode() {
        RedisTestResource resource = new RedisTestResource();
        resource.init(Map.of(RedisTestResource.CLUSTER_ARG, "true"));
        try {
            Map<String, String> config = resource.start();
            resource.inject(injectorInto(this));

            assertThat(cluster).isNotNull();
            assertThat(server).as("no standalone server in cluster mode").isNull();
            String hosts = String.join(",", cluster.uris());
            assertThat(config).containsEntry("quarkus.redis.hosts", hosts)
                    .containsEntry("quarkus.redis.client-type", "cluster")
                    .containsEntry(RedisTestResource.URI_PROPERTY, hosts);
            assertThat(hosts.split(",")).hasSize(3);
        } finally {
            resource.stop();
        }
        assertThat(cluster.nodes()).noneMatch(RedisServer::isRunning);
    }

    /** Does what Quarkus' injector does: set each field the predicate accepts. */
    private static TestInjector injectorInto(Object testInstance) {
        return (value, predicate) -> {
            for (Field field : testInstance.getClass().getDeclaredFields()) {
                if (predicate.test(field)) {
                    try {
                        field.setAccessible(true);
                        field.set(testInstance, value);
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        };
    }
}
