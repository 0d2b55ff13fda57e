package io.perfsuite.autoscaler.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.perfsuite.autoscaler.api.v1alpha1.ScalingPolicy;
import io.perfsuite.testsupport.FreePort;
import io.quarkus.test.kubernetes.client.KubernetesServer;

/**
 * The packaged controller ({@code target/quarkus-app/quarkus-run.jar}) in the prod profile, where leader election is
 * on by default, against the mock API server: it campaigns for lease {@code autoscaler-leader} in its own namespace
 * under its pod name (HOSTNAME), reconciles while it holds it, exits with status 1 when another replica takes the
 * lease over, and stops promptly on SIGTERM while leading (the SDK's own exit on a lost lease would fire inside the
 * shutdown).
 */
class LeaderElectionIT {

    /** where the manifests install the controller (its Role grants the lease verbs there) */
    private static final String POD_NAMESPACE = "autoscaler";
    private static final String POD_NAME = "autoscaler-7d9f-x2x4p";
    private static final Duration BOUND = Duration.ofSeconds(60);

    private KubernetesServer server;
    private KubernetesClient client;
    private Process controller;
    private Path log;
    private int httpPort;

    @BeforeEach
    void startApiServerWithAPolicy() {
        server = new KubernetesServer(false, true, InetAddress.getLoopbackAddress(), 0, List.of());
        server.before();
        client = server.getClient();
        LeaseAccess.answerRulesReviewsFromTheControllerRoles(server.expect(), POD_NAMESPACE);
        client.apps().deployments().inNamespace("shop").resource(Policies.deployment("shop", "web", 2)).create();
        client.resources(ScalingPolicy.class).inNamespace("shop")
                .resource(Policies.policy("shop", "web", "web", "vector(900)", 100, 1, 9)).create();
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (controller != null && controller.isAlive()) {
            controller.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        server.after();
    }

    private Resource<Lease> lease() {
        return client.resources(Lease.class).inNamespace(POD_NAMESPACE).withName("autoscaler-leader");
    }

    private void startController(String name) {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: run the IT through Maven (package before verify)");
        }
        Map<String, String> config = new LinkedHashMap<>();
        httpPort = FreePort.find();
        config.put("quarkus.http.port", String.valueOf(httpPort));
        config.put("quarkus.kubernetes-client.api-server-url", client.getMasterUrl().toString());
        // the pod's namespace, as the client reads it from the service account in a cluster
        config.put("quarkus.kubernetes-client.namespace", POD_NAMESPACE);
        config.put("kubernetes.auth.tryKubeConfig", "false");
        config.put("kubernetes.auth.tryServiceAccount", "false");
        config.put("quarkus.otel.sdk.disabled", "true");
        config.put("quarkus.log.console.json.enabled", "false");
        // shorter than the defaults (15s/10s/2s), same order
        config.put("autoscaler.kubernetes.lease-duration", "6s");
        config.put("autoscaler.kubernetes.lease-renew-deadline", "3s");
        config.put("autoscaler.kubernetes.lease-retry-period", "500ms");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
        config.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(jar.toString());
        log = Path.of("target", "it-leader-" + name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().put("HOSTNAME", POD_NAME);
        try {
            controller = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The readiness body (503 here: there is no Prometheus), with the kubernetes check's details. */
    private String readiness() throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + httpPort + "/q/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private String logText() throws IOException {
        return Files.readString(log);
    }

    private void awaitLeadingAndReconciling() {
        await().atMost(BOUND).untilAsserted(() -> {
            assertThat(controller.isAlive()).as("controller running, see " + log).isTrue();
            Lease lease = lease().get();
            assertThat(lease).as("lease autoscaler-leader in the pod's namespace").isNotNull();
            assertThat(lease.getSpec().getHolderIdentity()).isEqualTo(POD_NAME);
        });
        // the prod build patches with server-side apply, which the mock API server refuses (415): reconciliations
        // start but cannot write; LeaderElectionTest covers what a leader writes
        await().atMost(BOUND).untilAsserted(() -> {
            assertThat(readiness()).contains("\"leading\": true", "\"leader\": \"" + POD_NAME + "\"");
            assertThat(logText()).contains("Started event processing for controller: scalingpolicy");
        });
    }

    @Test
    void shouldLeadUnderItsPodNameInItsNamespaceAndExitWithStatusOneWhenTheLeaseIsTakenOver() throws Exception {
        startController("taken-over");
        awaitLeadingAndReconciling();

        // another replica took the lease (say, this one was partitioned from the API server for a while); the
        // leader renews meanwhile, so an edit may meet a newer version (409) and is tried again
        await().atMost(BOUND).ignoreException(KubernetesClientException.class).until(() -> {
            lease().edit(lease -> {
                lease.getSpec().setHolderIdentity("autoscaler-7d9f-k8m2z");
                lease.getSpec().setRenewTime(ZonedDateTime.now());
                return lease;
            });
            return true;
        });

        // it sees the new holder at its next renewal (or gives up at the renew deadline, 3s, before the new
        // holder's lease could expire, 6s) and shuts down
        assertThat(controller.waitFor(30, TimeUnit.SECONDS)).as("exited, see " + log).isTrue();
        assertThat(controller.exitValue()).isEqualTo(1);
        assertThat(logText()).contains("lost lease autoscaler-leader (holder now autoscaler-7d9f-k8m2z)");
        assertThat(lease().get().getSpec().getHolderIdentity()).isEqualTo("autoscaler-7d9f-k8m2z");
    }

    @Test
    void shouldStopPromptlyOnSigtermWhileLeading() throws Exception {
        startController("sigterm");
        awaitLeadingAndReconciling();

        controller.destroy();

        assertThat(controller.waitFor(20, TimeUnit.SECONDS)).as("stopped, see " + log).isTrue();
        assertThat(controller.exitValue()).as("the JVM's status after SIGTERM, not the lost-lease exit")
                .isIn(0, 143);
        assertThat(logText()).contains("Stopped leading, configured not to exit", "autoscaler stopped in")
                .doesNotContain("lost lease");
    }
}
