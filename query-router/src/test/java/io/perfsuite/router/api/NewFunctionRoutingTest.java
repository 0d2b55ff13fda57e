package io.perfsuite.router.api;

import static io.perfsuite.router.api.RouterApi.READER;
import static io.perfsuite.router.api.RouterApi.query;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.perfsuite.testsupport.PostgresCluster;
import io.perfsuite.testsupport.PostgresTestResource;
import io.perfsuite.testsupport.TestServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Functions created after start-up (a migration run outside the router): with the periodic reload an hour away,
 * only the reload a call to an unknown function triggers can route the first call right.
 */
@QuarkusTest
@TestProfile(NewFunctionRoutingTest.SlowPeriodicRefresh.class)
@WithTestResource(PostgresTestResource.class)
class NewFunctionRoutingTest {

    private static final Duration BOUND = Duration.ofSeconds(30);

    @TestServer
    PostgresCluster postgres;

    public static class SlowPeriodicRefresh implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("router.routing.catalog-refresh", "1h", "router.routing.unknown-function-refresh", "1ms");
        }
    }

    @BeforeEach
    void catalogLoaded() {
        // a builtin routed to the replica: the start-up load is done
        await().atMost(BOUND).untilAsserted(() -> query(READER, "SELECT lower('X')").statusCode(200)
                .body("routedTo", equalTo("replica-1")));
    }

    @AfterEach
    void restore() {
        postgres.resumeReplay();
    }

    @Test
    void shouldRouteTheFirstCallToAFunctionCreatedAfterStartUpToTheReplica() {
        postgres.execute("CREATE FUNCTION doubled_after_start(x int) RETURNS int LANGUAGE sql IMMUTABLE "
                + "AS 'SELECT x * 2'");
        postgres.awaitReplicaCaughtUp(BOUND);

        query(READER, "SELECT doubled_after_start(21)").statusCode(200)
                .body("routedTo", equalTo("replica-1"))
                .body("rows[0][0]", equalTo(42));
    }

    @Test
    void shouldRunANewFunctionOnThePrimaryWhileTheReplicaHasNotReplayedItYet() {
        postgres.pauseReplay();
        postgres.execute("CREATE FUNCTION tripled_after_start(x int) RETURNS int LANGUAGE sql IMMUTABLE "
                + "AS 'SELECT x * 3'");

        // the catalog (read from the primary) knows it, the replica does not: 42883 there, then the primary
        query(READER, "SELECT tripled_after_start(14)").statusCode(200)
                .body("routedTo", equalTo("primary"))
                .body("rows[0][0]", equalTo(42));
    }
}
