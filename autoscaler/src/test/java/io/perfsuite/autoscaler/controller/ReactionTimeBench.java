package io.perfsuite.autoscaler.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.perfsuite.autoscaler.api.v1alpha1.ScalingPolicy;
import io.perfsuite.autoscaler.api.v1alpha1.ScalingPolicySpec;
import io.perfsuite.testsupport.PrometheusServer;
import io.perfsuite.testsupport.PrometheusTestResource;
import io.perfsuite.testsupport.TestServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/**
 * Not a test (no *Test suffix, surefire skips it): bench/autoscaler/run.sh runs it with -Dtest=ReactionTimeBench.
 * Measures the time from the Prometheus sample that crosses the target (its scrape timestamp) to the moment the
 * target's replicas change on the API server, alternately up and down. Prints {@code REACTION_MS <ms>} lines.
 * Settings: -Dbench.interval (evaluation seconds, default 15), -Dbench.rounds (default 3), -Dbench.out (a file
 * the lines are appended to).
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@WithTestResource(PrometheusTestResource.class)
class ReactionTimeBench {

    private static final String METRIC = "perfsuite_bench_demand";

    @Inject
    KubernetesClient client;

    @TestServer
    PrometheusServer prometheus;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void measureReactionFromSampleToScalePatch() throws Exception {
        int interval = Integer.getInteger("bench.interval", 15);
        int rounds = Integer.getInteger("bench.rounds", 3);
        Duration bound = Duration.ofSeconds(interval * 3L + 30);
        List<Long> reactions = new ArrayList<>();
        try (DemandEndpoint endpoint = new DemandEndpoint(METRIC, 10)) {
            prometheus.addScrapeTarget("bench-demand", endpoint.hostPort(), "/metrics");
            client.apps().deployments().inNamespace("bench").resource(Policies.deployment("bench", "app", 1)).create();
            ScalingPolicy policy = Policies.policy("bench", "app", "app", "max(" + METRIC + ")", 10, 1, 20);
            policy.getSpec().evaluationIntervalSeconds = interval;
            // no scale-down window, so every round can cross both ways
            policy.getSpec().behavior = new ScalingPolicySpec.BehaviorSpec();
            policy.getSpec().behavior.scaleDown = new ScalingPolicySpec.ScalingRulesSpec();
            policy.getSpec().behavior.scaleDown.stabilizationWindowSeconds = 0;
            client.resources(ScalingPolicy.class).inNamespace("bench").resource(policy).create();
            waitForReplicas(1, bound);
            waitForSample(10, bound);
            for (int round = 0; round < rounds; round++) {
                for (int[] step : new int[][]{{30, 3}, {10, 1}}) {
                    endpoint.set(step[0]);
                    long sampleMillis = waitForSample(step[0], bound);
                    long patchedMillis = waitForReplicas(step[1], bound);
                    long reaction = patchedMillis - sampleMillis;
                    reactions.add(reaction);
                    String line = String.format(Locale.ROOT, "REACTION_MS %d interval=%ds direction=%s%n", reaction,
                            interval, step[1] > 1 ? "up" : "down");
                    System.out.print(line);
                    String out = System.getProperty("bench.out");
                    if (out != null) {
                        java.nio.file.Files.writeString(java.nio.file.Path.of(out), line,
                                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
                    }
                }
            }
        }
        assertThat(reactions).hasSize(2 * rounds);
    }

    /** Polls the deployment every 5 ms; returns the wall-clock time the new count was first seen. */
    private long waitForReplicas(int replicas, Duration bound) throws InterruptedException {
        long deadline = System.currentTimeMillis() + bound.toMillis();
        while (System.currentTimeMillis() < deadline) {
            Integer current = client.apps().deployments().inNamespace("bench").withName("app").get().getSpec()
                    .getReplicas();
            if (current != null && current == replicas) {
                return System.currentTimeMillis();
            }
            Thread.sleep(5); // a bench loop polling the API, not a test waiting for a condition
        }
        throw new AssertionError("replicas never reached " + replicas);
    }

    /** The scrape timestamp of the first sample at {@code value}, from Prometheus' raw samples. */
    private long waitForSample(double value, Duration bound) throws Exception {
        long deadline = System.currentTimeMillis() + bound.toMillis();
        while (System.currentTimeMillis() < deadline) {
            String query = URLEncoder.encode(METRIC + "[15s]", StandardCharsets.UTF_8);
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create(prometheus.url() + "/api/v1/query?query=" + query)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode values = json.readTree(response.body()).path("data").path("result").path(0).path("values");
            Long firstAtValue = null;
            for (int i = values.size() - 1; i >= 0; i--) {
                double v = Double.parseDouble(values.get(i).get(1).asText());
                if (v != value) {
                    break;
                }
                firstAtValue = (long) (values.get(i).get(0).asDouble() * 1000);
            }
            if (firstAtValue != null) {
                return firstAtValue;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("Prometheus never scraped " + value);
    }
}
