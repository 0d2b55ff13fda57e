package io.perfsuite.testsupport;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts a {@link PostgresCluster} (primary + streaming replica) for a Quarkus test, publishes its addresses under
 * {@code perfsuite.test.pg.*} and injects the handle into {@link TestServer} fields. Each module maps these
 * properties onto its own datasource properties in its {@code %test} profile.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    /** {@code postgresql://perfsuite:perfsuite@127.0.0.1:<port>/perfsuite}, for the reactive client. */
    public static final String PRIMARY_URI_PROPERTY = "perfsuite.test.pg.primary.uri";
    public static final String REPLICA_URI_PROPERTY = "perfsuite.test.pg.replica.uri";
    /** {@code jdbc:postgresql://127.0.0.1:<port>/perfsuite}, without credentials. */
    public static final String PRIMARY_JDBC_URL_PROPERTY = "perfsuite.test.pg.primary.jdbc-url";
    public static final String REPLICA_JDBC_URL_PROPERTY = "perfsuite.test.pg.replica.jdbc-url";
    public static final String USERNAME_PROPERTY = "perfsuite.test.pg.username";
    public static final String PASSWORD_PROPERTY = "perfsuite.test.pg.password";

    private PostgresCluster cluster;

    @Override
    public Map<String, String> start() {
        cluster = PostgresCluster.launch();
        return Map.of(
                PRIMARY_URI_PROPERTY, cluster.primaryUri(),
                REPLICA_URI_PROPERTY, cluster.replicaUri(),
                PRIMARY_JDBC_URL_PROPERTY, cluster.primaryJdbcUrl(),
                REPLICA_JDBC_URL_PROPERTY, cluster.replicaJdbcUrl(),
                USERNAME_PROPERTY, cluster.username(),
                PASSWORD_PROPERTY, cluster.password());
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(cluster,
                new TestInjector.AnnotatedAndMatchesType(TestServer.class, PostgresCluster.class));
    }

    @Override
    public void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }
}
