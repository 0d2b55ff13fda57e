package io.perfsuite.autoscaler.controller;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.function.Consumer;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.perfsuite.autoscaler.api.v1alpha1.ScalingPolicy;
import io.perfsuite.autoscaler.api.v1alpha1.ScalingPolicyStatus;
import io.perfsuite.testsupport.PrometheusTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/**
 * Leader election as the prod profile runs it (the SDK's LeaseLock on the real coordination.k8s.io/v1 Lease
 * resource of the mock API server, lease name and namespace from the configuration), switched on for this test
 * profile. Another replica holds the lease when the application starts: this one stands by, then takes over once
 * the other's lease expires.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = LeaderElectionTest.LeaseHeldByAnotherReplica.class)
@WithTestResource(PrometheusTestResource.class)
@TestProfile(LeaderElectionTest.LeaderElectionOn.class)
class LeaderElectionTest {

    /** where the manifests install the controller, and not the client's default namespace ("test") */
    static final String LEASE_NAMESPACE = "autoscaler";
    static final String THIS_REPLICA = "autoscaler-0";
    static final String OTHER_REPLICA = "autoscaler-1";

    public static class LeaderElectionOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    // build time: the SDK asks for the LeaderElectionConfiguration bean in these profiles
                    "quarkus.operator-sdk.activate-leader-election-for-profiles", "test",
                    "autoscaler.kubernetes.lease-namespace", LEASE_NAMESPACE,
                    "autoscaler.kubernetes.lease-identity", THIS_REPLICA,
                    // the other replica's renewal at set-up stays valid however slow the start-up; an expired
                    // lease is taken within a retry period
                    "autoscaler.kubernetes.lease-duration", "300s",
                    "autoscaler.kubernetes.lease-retry-period", "500ms");
        }
    }

    /** Runs before the application starts: the lease is already held, and the SDK's access review is answered. */
    public static class LeaseHeldByAnotherReplica implements Consumer<KubernetesServer> {
        @Override
        public void accept(KubernetesServer server) {
            LeaseAccess.answerRulesReviewsFromTheControllerRoles(server.expect(), LEASE_NAMESPACE);
            ZonedDateTime now = ZonedDateTime.now();
            server.getClient().resources(Lease.class).inNamespace(LEASE_NAMESPACE).resource(new LeaseBuilder()
                    .withNewMetadata().withNamespace(LEASE_NAMESPACE).withName("autoscaler-leader").endMetadata()
                    .withNewSpec().withHolderIdentity(OTHER_REPLICA).withLeaseDurationSeconds(15)
                    .withAcquireTime(now).withRenewTime(now).withLeaseTransitions(0).endSpec()
                    .build()).create();
        }
    }

    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final String KUBERNETES_CHECK = "checks.find { it.name == 'kubernetes' }.data";

    @Inject
    KubernetesClient client;

    private Resource<Lease> lease() {
        return client.resources(Lease.class).inNamespace(LEASE_NAMESPACE).withName("autoscaler-leader");
    }

    private ScalingPolicy policy() {
        return client.resources(ScalingPolicy.class).inNamespace("lead").withName("web").get();
    }

    private int replicas() {
        return client.apps().deployments().inNamespace("lead").withName("web").get().getSpec().getReplicas();
    }

    @Test
    void shouldStandByWhileAnotherReplicaHoldsTheLeaseAndTakeOverOnceItExpires() {
        await().atMost(BOUND).untilAsserted(() -> given().get("/q/health/ready").then()
                .body(KUBERNETES_CHECK + ".mode", equalTo("cluster"))
                .body(KUBERNETES_CHECK + ".identity", equalTo(THIS_REPLICA))
                .body(KUBERNETES_CHECK + ".leader", equalTo(OTHER_REPLICA))
                .body(KUBERNETES_CHECK + ".leading", equalTo(false)));

        client.apps().deployments().inNamespace("lead").resource(Policies.deployment("lead", "web", 2)).create();
        client.resources(ScalingPolicy.class).inNamespace("lead")
                .resource(Policies.policy("lead", "web", "web", "vector(900)", 100, 1, 9)).create();

        // a leader reconciles a new policy at once (and every second); a standby leaves it alone
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            ScalingPolicyStatus status = policy().getStatus();
            if (status != null) { // the resource starts with an empty status
                assertThat(status.observedGeneration).as("reconciled by a standby").isNull();
                assertThat(status.conditions).isNullOrEmpty();
                assertThat(status.lastDecision).isNull();
            }
            assertThat(policy().getMetadata().getFinalizers()).isEmpty();
            assertThat(replicas()).isEqualTo(2);
            assertThat(client.v1().events().inNamespace("lead").list().getItems()).isEmpty();
        });
        assertThat(lease().get().getSpec().getHolderIdentity()).isEqualTo(OTHER_REPLICA);

        // the other replica died an hour ago: its last renewal is older than any lease duration
        lease().edit(held -> {
            held.getSpec().setRenewTime(ZonedDateTime.now().minusHours(1));
            return held;
        });

        await().atMost(BOUND).untilAsserted(() -> {
            Lease taken = lease().get();
            assertThat(taken.getSpec().getHolderIdentity()).isEqualTo(THIS_REPLICA);
            assertThat(taken.getSpec().getLeaseTransitions()).isEqualTo(1);
            assertThat(taken.getSpec().getRenewTime()).isAfter(ZonedDateTime.now().minusMinutes(1));
        });
        await().atMost(BOUND).untilAsserted(() -> {
            assertThat(replicas()).isEqualTo(9);
            assertThat(policy().getStatus().currentReplicas).isEqualTo(9);
            assertThat(policy().getStatus().lastDecision).isNotNull();
        });
        given().get("/q/health/ready").then()
                .body(KUBERNETES_CHECK + ".leading", equalTo(true))
                .body(KUBERNETES_CHECK + ".leader", equalTo(THIS_REPLICA));
    }
}
