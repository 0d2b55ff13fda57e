package io.perfsuite.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The resources as service modules use them: started by Quarkus, handles injected, addresses published as config. */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(PrometheusTestResource.class)
class QuarkusTestResourcesTest {

    @TestServer
    RedisServer redis;

    @TestServer
    PostgresCluster postgres;

    @TestServer
    PrometheusServer prometheus;

    @Test
    void shouldInjectRunningServersAndPublishTheirAddresses() {
        assertThat(redis.isRunning()).isTrue();
        assertThat(postgres.isPrimaryRunning()).isTrue();
        assertThat(postgres.isReplicaRunning()).isTrue();
        assertThat(prometheus.isRunning()).isTrue();

        Config config = ConfigProvider.getConfig();
        assertThat(config.getValue("quarkus.redis.hosts", String.class)).isEqualTo(redis.uri());
        assertThat(config.getValue(RedisTestResource.URI_PROPERTY, String.class)).isEqualTo(redis.uri());
        assertThat(config.getValue(PostgresTestResource.PRIMARY_URI_PROPERTY, String.class)).isEqualTo(postgres.primaryUri());
        assertThat(config.getValue(PostgresTestResource.REPLICA_URI_PROPERTY, String.class)).isEqualTo(postgres.replicaUri());
        assertThat(config.getValue(PostgresTestResource.PRIMARY_JDBC_URL_PROPERTY, String.class))
                .isEqualTo(postgres.primaryJdbcUrl());
        assertThat(config.getValue(PostgresTestResource.REPLICA_JDBC_URL_PROPERTY, String.class))
                .isEqualTo(postgres.replicaJdbcUrl());
        assertThat(config.getValue(PostgresTestResource.USERNAME_PROPERTY, String.class)).isEqualTo("perfsuite");
        assertThat(config.getValue(PostgresTestResource.PASSWORD_PROPERTY, String.class)).isEqualTo("perfsuite");
        assertThat(config.getValue(PrometheusTestResource.URL_PROPERTY, String.class)).isEqualTo(prometheus.url());
    }

    @Test
    void shouldLetTheTestStopAndRestartAnInjectedServer() {
        int port = redis.port();
        redis.stop();
        assertThat(redis.isRunning()).isFalse();
        redis.start();
        assertThat(redis.isRunning()).isTrue();
        assertThat(redis.port()).isEqualTo(port);
    }
}
