package io.perfsuite.autoscaler.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import com.fasterxml.jackson.databind.JsonNode;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.perfsuite.autoscaler.config.AutoscalerConfig;
import io.smallrye.mutiny.Uni;

/**
 * Runs the policies' PromQL with a timeout per attempt and a bounded number of retries (5xx and network errors
 * only: a 4xx is bad PromQL and will not get better). Blocking on purpose: callers are reconciler worker threads.
 */
@ApplicationScoped
public class PrometheusClient {

    private final PrometheusApi api;
    private final AutoscalerConfig.Prometheus config;
    private final Counter failures;

    PrometheusClient(PrometheusApi api, AutoscalerConfig config, MeterRegistry registry) {
        this.api = api;
        this.config = config.prometheus();
        this.failures = Counter.builder("autoscaler.prometheus.query.failures")
                .description("Prometheus queries that failed after retries").register(registry);
    }

    /**
     * The query's current value: a scalar, or the sum of a vector's series. Empty when the result has no series
     * (no data is not zero).
     *
     * @throws PrometheusQueryException when Prometheus cannot answer
     */
    public OptionalDouble value(String promql) {
        JsonNode data = call(api.query(promql), promql).path("data");
        JsonNode result = data.path("result");
        if ("scalar".equals(data.path("resultType").asText())) {
            double v = parse(result.path(1));
            return Double.isNaN(v) ? OptionalDouble.empty() : OptionalDouble.of(v);
        }
        double sum = 0;
        int seen = 0;
        for (JsonNode series : result) {
            double v = parse(series.path("value").path(1));
            if (!Double.isNaN(v)) {
                sum += v;
                seen++;
            }
        }
        return seen == 0 ? OptionalDouble.empty() : OptionalDouble.of(sum);
    }

    /** A range query, series summed per timestamp. */
    public List<MetricSample> range(String promql, Instant from, Instant to, Duration step) {
        JsonNode data = call(api.queryRange(promql, String.valueOf(from.getEpochSecond()),
                String.valueOf(to.getEpochSecond()), step.toSeconds() + "s"), promql).path("data");
        java.util.TreeMap<Long, Double> sums = new java.util.TreeMap<>();
        for (JsonNode series : data.path("result")) {
            for (JsonNode point : series.path("values")) {
                double v = parse(point.path(1));
                if (!Double.isNaN(v)) {
                    sums.merge((long) (point.path(0).asDouble() * 1000), v, Double::sum);
                }
            }
        }
        List<MetricSample> samples = new ArrayList<>(sums.size());
        sums.forEach((millis, v) -> samples.add(new MetricSample(Instant.ofEpochMilli(millis), v)));
        return samples;
    }

    private JsonNode call(Uni<JsonNode> request, String promql) {
        Duration timeout = config.timeout();
        try {
            return request.ifNoItem().after(timeout).failWith(() -> new java.util.concurrent.TimeoutException(
                    "no answer within " + timeout.toMillis() + " ms"))
                    .onFailure(PrometheusClient::retryable).retry()
                    .withBackOff(config.retryBackoff()).atMost(config.retries())
                    .await().atMost(timeout.multipliedBy(config.retries() + 2L)
                            .plus(config.retryBackoff().multipliedBy(1L << Math.min(config.retries(), 10))));
        } catch (RuntimeException e) {
            failures.increment();
            boolean rejected = e instanceof WebApplicationException w && w.getResponse().getStatus() < 500;
            String reason = rejected ? prometheusError((WebApplicationException) e) : e.getMessage();
            throw new PrometheusQueryException(
                    (rejected ? "Prometheus rejected the query: " : "Prometheus did not answer: ") + reason, e,
                    rejected);
        }
    }

    /** Prometheus says why in its body ({@code {"errorType": "bad_data", "error": "1:5: parse error: ..."}}). */
    private static String prometheusError(WebApplicationException e) {
        String status = "HTTP " + e.getResponse().getStatus();
        try {
            JsonNode body = e.getResponse().readEntity(JsonNode.class);
            String error = body == null ? "" : body.path("error").asText("");
            return error.isEmpty() ? status : status + " " + body.path("errorType").asText("") + ": " + error;
        } catch (RuntimeException unreadable) {
            return status;
        }
    }

    private static boolean retryable(Throwable failure) {
        return !(failure instanceof WebApplicationException w) || w.getResponse().getStatus() >= 500;
    }

    private static double parse(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(node.asText());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
