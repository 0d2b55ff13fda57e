package io.perfsuite.monitor.dashboard;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads the autoscaler's decisions and query-router's slow-query log for the page. Each call is bounded by its
 * timeout; a peer that is down, slow or answers garbage becomes a state the page shows, never an error of this
 * service.
 */
@ApplicationScoped
public class PeerServices {

    private final DashboardConfig config;
    private final ObjectMapper json;
    private final HttpClient http;

    PeerServices(DashboardConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(config.autoscaler().timeout()).build();
    }

    /** One policy's recent decisions (newest first), or why there are none. */
    public record PolicyDecisions(String policy, String status, String error, List<JsonNode> decisions) {
    }

    /** {@code status}: unconfigured, up, partial (some policies failed), unreachable (all failed to connect). */
    public record Scaling(String status, String error, List<PolicyDecisions> policies) {
    }

    public record SlowQuery(String sql, Long durationMs, String node, String route, String reason, String traceId,
            String traceUrl) {
    }

    public record SlowQueries(String status, String error, List<SlowQuery> queries) {
    }

    public Scaling scaling() {
        DashboardConfig.Autoscaler autoscaler = config.autoscaler();
        List<String> policies = autoscaler.policies().orElse(List.of());
        if (autoscaler.url().isEmpty() || policies.isEmpty()) {
            return new Scaling("unconfigured", null, List.of());
        }
        List<PolicyDecisions> out = new ArrayList<>();
        int unreachable = 0;
        String lastError = null;
        for (String policy : policies) {
            String[] parts = policy.split("/", 2);
            URI uri = resolve(autoscaler.url().get(), "v1/policies/" + encode(parts[0]) + "/" + encode(parts[1])
                    + "/decisions");
            Answer answer = get(uri, autoscaler.apiKey(), autoscaler.timeout());
            if (answer.unreachable()) {
                unreachable++;
                lastError = answer.error();
                out.add(new PolicyDecisions(policy, "unreachable", answer.error(), List.of()));
            } else if (answer.status() == 404) {
                out.add(new PolicyDecisions(policy, "none", "no decisions yet (unknown policy or not evaluated)",
                        List.of()));
            } else if (answer.status() != 200 || answer.body() == null || !answer.body().isArray()) {
                out.add(new PolicyDecisions(policy, "error", "autoscaler answered HTTP " + answer.status(), List.of()));
            } else {
                List<JsonNode> decisions = new ArrayList<>();
                answer.body().forEach(decisions::add);
                // the autoscaler lists oldest first; the page wants the latest few
                List<JsonNode> latest = new ArrayList<>(
                        decisions.subList(Math.max(0, decisions.size() - autoscaler.decisions()), decisions.size()));
                java.util.Collections.reverse(latest);
                out.add(new PolicyDecisions(policy, "up", null, latest));
            }
        }
        String status = unreachable == policies.size()
                ? "unreachable"
                : out.stream().allMatch(p -> p.status().equals("up") || p.status().equals("none")) ? "up" : "partial";
        return new Scaling(status, unreachable == policies.size() ? lastError : null, out);
    }

    public SlowQueries slowQueries(TraceLinks links) {
        DashboardConfig.QueryRouter router = config.queryRouter();
        if (router.url().isEmpty()) {
            return new SlowQueries("unconfigured", null, List.of());
        }
        Answer answer = get(resolve(router.url().get(), "v1/slow-queries"), router.apiKey(), router.timeout());
        if (answer.unreachable()) {
            return new SlowQueries("unreachable", answer.error(), List.of());
        }
        if (answer.status() != 200 || answer.body() == null) {
            String why = answer.status() == 401 || answer.status() == 403
                    ? "query-router refused monitor.dashboard.query-router.api-key (HTTP " + answer.status() + ")"
                    : "query-router answered HTTP " + answer.status();
            return new SlowQueries("error", why, List.of());
        }
        JsonNode list = answer.body().isArray() ? answer.body() : answer.body().path("queries");
        List<SlowQuery> out = new ArrayList<>();
        for (JsonNode q : list) {
            String traceId = text(q, "traceId");
            out.add(new SlowQuery(text(q, "sql"), q.hasNonNull("durationMs") ? q.get("durationMs").asLong() : null,
                    text(q, "node"), text(q, "route"), text(q, "reason"), traceId,
                    links == null ? null : links.trace(traceId).orElse(null)));
        }
        return new SlowQueries("up", null, out);
    }

    private record Answer(int status, JsonNode body, String error) {
        boolean unreachable() {
            return status == 0;
        }
    }

    private Answer get(URI uri, Optional<String> apiKey, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json")
                .GET();
        apiKey.ifPresent(key -> request.header("X-API-Key", key));
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            JsonNode body = null;
            try {
                body = json.readTree(response.body());
            } catch (IOException notJson) {
                // the status alone says enough
            }
            return new Answer(response.statusCode(), body, null);
        } catch (IOException e) {
            return new Answer(0, null, e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, null, "interrupted");
        }
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static URI resolve(URI base, String path) {
        String text = base.toString();
        return URI.create((text.endsWith("/") ? text : text + "/") + path);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
