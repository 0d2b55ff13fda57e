package io.perfsuite.autoscaler.web;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.nullValue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.perfsuite.testsupport.PrometheusTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * No Kubernetes API: the service starts, says so, evaluates YAML policies in Recommend mode, and follows the files as
 * they change.
 */
@QuarkusTest
@WithTestResource(PrometheusTestResource.class)
@TestProfile(LocalModeTest.NoCluster.class)
class LocalModeTest {

    public static class NoCluster implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Path dir = Files.createTempDirectory("local-policies");
                Files.writeString(dir.resolve("checkout.yaml"), """
                        apiVersion: perfsuite.io/v1alpha1
                        kind: ScalingPolicy
                        metadata:
                          name: checkout
                          namespace: shop
                        spec:
                          targetRef: {kind: Deployment, name: checkout}
                          minReplicas: 1
                          maxReplicas: 10
                          evaluationIntervalSeconds: 1
                          metrics:
                          - name: rps
                            query: vector(300)
                            target: {type: AverageValue, value: 100}
                        """);
                Files.writeString(dir.resolve("broken.yaml"), """
                        apiVersion: perfsuite.io/v1alpha1
                        kind: ScalingPolicy
                        metadata: {name: broken, namespace: shop}
                        spec:
                          targetRef: {kind: Deployment, name: x}
                          minReplicas: 4
                          maxReplicas: 2
                        """);
                return Map.of("autoscaler.local.policies-dir", dir.toString(),
                        "autoscaler.local.rescan-interval", "200ms",
                        // nothing listens on port 1: the API is unreachable at once
                        "quarkus.kubernetes-client.api-server-url", "https://127.0.0.1:1",
                        "autoscaler.kubernetes.connect-timeout", "2s");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static final Duration BOUND = Duration.ofSeconds(30);

    @ConfigProperty(name = "autoscaler.local.policies-dir")
    Path policiesDir;

    @Test
    void shouldStartSayLocalModeAndRecommendFromALocalPolicy() {
        await().atMost(BOUND).untilAsserted(() -> given().get("/q/health/ready").then()
                .statusCode(200)
                .body("checks.find { it.name == 'kubernetes' }.data.mode", equalTo("local"))
                .body("checks.find { it.name == 'kubernetes' }.data.localPolicies", equalTo(1)));

        await().atMost(BOUND).untilAsserted(() -> given().get("/v1/policies/shop/checkout/decisions").then()
                .statusCode(200)
                .body("size()", greaterThanOrEqualTo(1))
                .body("[-1].mode", equalTo("RECOMMEND"))
                .body("[-1].recommendation", equalTo(3))
                .body("[-1].apply", equalTo(false))
                .body("[-1].metrics.rps", equalTo(300.0f)));
        given().get("/q/health/ready").then()
                .body("checks.find { it.name == 'kubernetes' }.data['invalid broken.yaml']",
                        allOf(containsString("shop/broken"), containsString("spec.minReplicas")));
    }

    @Test
    void shouldReReadAChangedFileAndReportAnInvalidEditByFileAndReason() throws IOException {
        Path file = policiesDir.resolve("edited.yaml");
        Files.writeString(file, policy("edited", "vector(200)"));
        await().atMost(BOUND).untilAsserted(() -> given().get("/v1/policies/shop/edited/decisions").then()
                .statusCode(200).body("[-1].recommendation", equalTo(2)));

        // 400 at 100 per replica: 4 (Recommend mode never moves the assumed single replica, so HPA's default rate
        // policy caps any recommendation at 5)
        Files.writeString(file, policy("edited", "vector(400)"));
        await().atMost(BOUND).untilAsserted(() -> given().get("/v1/policies/shop/edited/decisions").then()
                .statusCode(200).body("[-1].recommendation", equalTo(4)));

        Files.writeString(file, "spec: [unclosed");
        await().atMost(BOUND).untilAsserted(() -> given().get("/q/health/ready").then()
                .statusCode(200)
                .body("checks.find { it.name == 'kubernetes' }.data['invalid edited.yaml']",
                        containsString("cannot parse")));
        given().get("/v1/policies/shop/edited/decisions").then().statusCode(404);

        Files.delete(file);
        await().atMost(BOUND).untilAsserted(() -> given().get("/q/health/ready").then()
                .body("checks.find { it.name == 'kubernetes' }.data['invalid edited.yaml']", nullValue()));
    }

    @Test
    void shouldEvaluateOnlyTheFirstFileDefiningAPolicyUntilItIsRemoved() throws IOException {
        Path first = policiesDir.resolve("a-twin.yaml");
        Path second = policiesDir.resolve("b-twin.yaml");
        Files.writeString(first, policy("twin", "vector(200)"));
        await().atMost(BOUND).untilAsserted(() -> given().get("/v1/policies/shop/twin/decisions").then()
                .statusCode(200).body("[-1].recommendation", equalTo(2)));
        Files.writeString(second, policy("twin", "vector(400)"));
        await().atMost(BOUND).untilAsserted(() -> given().get("/q/health/ready").then()
                .body("checks.find { it.name == 'kubernetes' }.data['invalid b-twin.yaml']",
                        containsString("already defined in a-twin.yaml")));

        Files.delete(first);
        await().atMost(BOUND).untilAsserted(() -> given().get("/v1/policies/shop/twin/decisions").then()
                .statusCode(200).body("[-1].recommendation", equalTo(4)));
        Files.delete(second);
    }

    private static String policy(String name, String query) {
        return """
                apiVersion: perfsuite.io/v1alpha1
                kind: ScalingPolicy
                metadata: {name: %s, namespace: shop}
                spec:
                  targetRef: {kind: Deployment, name: %s}
                  minReplicas: 1
                  maxReplicas: 10
                  evaluationIntervalSeconds: 1
                  metrics:
                  - name: rps
                    query: %s
                    target: {type: AverageValue, value: 100}
                """.formatted(name, name, query);
    }
}
