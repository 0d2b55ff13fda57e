package io.perfsuite.loadbalancer.admin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.perfsuite.loadbalancer.proxy.ProxyServer;
import io.perfsuite.loadbalancer.testing.ProxyBackendsResource;
import io.perfsuite.loadbalancer.testing.RoutingFixture;
import io.perfsuite.testsupport.TestServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
@WithTestResource(ProxyBackendsResource.class)
class AdminApiTest {

    private static final String ADMIN = "test-admin-key-0123456789";
    private static final String VIEWER = "test-viewer-key-0123456789";
    private static final Duration BOUND = Duration.ofSeconds(15);

    private final String management = ProxyBackendsResource.managementUrl();

    @Inject
    ProxyServer proxy;

    @TestServer
    RoutingFixture routing;

    @BeforeEach
    void aimAtTheProxy() {
        RestAssured.port = proxy.port();
    }

    @AfterEach
    void restore() {
        admin().post("/admin/pools/echo/backends/{id}/undrain", backendId("echo-2"));
        routing.writeDefault();
        admin().post("/admin/reload").then().statusCode(200);
    }

    private RequestSpecification admin() {
        return given().baseUri(management).header("X-API-Key", ADMIN).contentType("application/json");
    }

    private String backendId(String name) {
        return given().baseUri(management).header("X-API-Key", ADMIN).get("/admin/pools/echo").jsonPath()
                .getString("backends.find { it.url.endsWith(':" + port(name) + "') }.id");
    }

    private int port(String name) {
        String yaml = routing.defaultYaml();
        // the echo pool's backends are listed in the file in the order echo-1, echo-2
        String line = yaml.lines().filter(l -> l.contains("backends: [")).findFirst().orElseThrow();
        String[] urls = line.substring(line.indexOf('[') + 1, line.indexOf(']')).split(",\\s*");
        String url = name.equals("echo-1") ? urls[0] : urls[1];
        return Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
    }

    private Set<String> serversSeen(String path, int requests) {
        Set<String> servers = new HashSet<>();
        for (int i = 0; i < requests; i++) {
            servers.add(given().get(path).then().statusCode(200).extract().header("X-Server"));
        }
        return servers;
    }

    @Test
    void shouldRefuseCallsWithoutAKeyOrWithoutTheAdminRole() {
        given().baseUri(management).get("/admin/pools").then().statusCode(401)
                .contentType("application/problem+json").body("field", equalTo("Authorization"));
        given().baseUri(management).header("X-API-Key", "not-a-key-at-all-really").get("/admin/pools")
                .then().statusCode(401);
        given().baseUri(management).header("Authorization", "Bearer " + VIEWER)
                .post("/admin/pools/echo/backends/x/drain").then().statusCode(403).body("rule", equalTo("role"));
    }

    @Test
    void shouldListPoolsWithTheLiveStateOfEachBackend() {
        admin().get("/admin/pools").then().statusCode(200)
                .body("pools.name", hasItem("echo"))
                .body("pools.find { it.name == 'echo' }.strategy", equalTo("round-robin"))
                .body("pools.find { it.name == 'echo' }.backends.size()", equalTo(2))
                .body("pools.find { it.name == 'echo' }.backends[0].health", equalTo("healthy"))
                .body("pools.find { it.name == 'echo' }.backends[0].draining", equalTo(false));
    }

    @Test
    void shouldSendNothingNewToADrainedBackendAndTakeItBackWhenUndrained() {
        String drained = backendId("echo-2");
        admin().post("/admin/pools/echo/backends/{id}/drain", drained).then().statusCode(200)
                .body("draining", equalTo(true));

        assertThat(serversSeen("/echo/d", 10)).containsExactly("echo-1");

        admin().post("/admin/pools/echo/backends/{id}/undrain", drained).then().statusCode(200);
        assertThat(serversSeen("/echo/u", 10)).containsExactlyInAnyOrder("echo-1", "echo-2");
    }

    @Test
    void shouldMoveARoutesTrafficBetweenPoolsByWeight() {
        assertThat(serversSeen("/split/a", 6)).doesNotContain("canary");

        admin().body("{\"echo\": 0, \"canary\": 100}").put("/admin/routes/split/weights").then().statusCode(200)
                .body("weights.canary", equalTo(100));
        assertThat(serversSeen("/split/b", 6)).containsExactly("canary");

        admin().body("{\"echo\": -1, \"canary\": 1}").put("/admin/routes/split/weights").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("echo"));
        admin().body("{\"nowhere\": 1}").put("/admin/routes/split/weights").then().statusCode(400)
                .body("rule", equalTo("route-pools"));
        admin().body("{\"echo\": 1}").put("/admin/routes/missing/weights").then().statusCode(404);
    }

    @Test
    void shouldSetABackendsWeightAndRefuseABadOne() {
        String id = backendId("echo-1");
        admin().body("{\"weight\": 7}").put("/admin/pools/echo/backends/{id}/weight", id).then().statusCode(200)
                .body("weight", equalTo(7));
        admin().body("{\"weight\": \"heavy\"}").put("/admin/pools/echo/backends/{id}/weight", id).then()
                .statusCode(400).body("rule", equalTo("range"));
        admin().body("not json").put("/admin/pools/echo/backends/{id}/weight", id).then().statusCode(400)
                .body("field", equalTo("body"));
        admin().post("/admin/pools/nowhere/backends/x/drain").then().statusCode(404).body("field", equalTo("pool"));
    }

    @Test
    void shouldRejectABadFileOnReloadWithItsFieldAndRuleAndKeepServing() {
        routing.write(routing.defaultYaml().replace("strategy: round-robin", "strategy: fastest"));

        admin().post("/admin/reload").then().statusCode(422).contentType("application/problem+json")
                .body("file", equalTo(routing.file().toString()))
                .body("field", equalTo("pools[0].strategy"))
                .body("rule", equalTo("one-of"));
        given().get("/echo/still").then().statusCode(200);
    }

    @Test
    void shouldPickUpAChangedFileWithoutAnAdminCall() {
        assertThat(serversSeen("/moved/a", 4)).doesNotContain("canary");

        routing.write(routing.defaultYaml().replace("  - name: default\n", """
                  - name: moved
                    match: {path-prefix: /moved}
                    pool: canary
                  - name: default
                """));

        await().atMost(BOUND).untilAsserted(() -> assertThat(serversSeen("/moved/b", 2)).containsExactly("canary"));
    }
}
