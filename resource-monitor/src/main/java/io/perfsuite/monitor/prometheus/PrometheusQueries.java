package io.perfsuite.monitor.prometheus;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.perfsuite.monitor.alerting.Sample;
import io.perfsuite.monitor.config.MonitorConfig;

/**
 * Instant queries as instant vectors, blocking with the configured timeout: what rule evaluation and the summary
 * read. A failure says whether Prometheus is unreachable or refused the expression.
 */
@ApplicationScoped
public class PrometheusQueries {

    private final PrometheusApi api;
    private final Duration timeout;
    private final ObjectMapper json;

    PrometheusQueries(PrometheusApi api, MonitorConfig config, ObjectMapper json) {
        this.api = api;
        this.timeout = config.prometheus().timeout().plusMillis(500);
        this.json = json;
    }

    /** Prometheus answered with an error, or could not be reached. */
    public static final class QueryFailedException extends RuntimeException {
        private final boolean unreachable;

        public QueryFailedException(String message, boolean unreachable, Throwable cause) {
            super(message, cause);
            this.unreachable = unreachable;
        }

        /** True when Prometheus did not answer (down, slow); false when it rejected the query. */
        public boolean unreachable() {
            return unreachable;
        }
    }

    /** A vector, or a scalar as one sample without labels. */
    public List<Sample> instant(String expr, Instant at) {
        QueryResponse response;
        try {
            response = api.query(expr, new BigDecimal(at.toEpochMilli()).movePointLeft(3).toPlainString()).await()
                    .atMost(timeout);
        } catch (WebApplicationException e) {
            throw new QueryFailedException(errorOf(e), false, e);
        } catch (RuntimeException e) {
            throw new QueryFailedException("Prometheus is unreachable: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), true, e);
        }
        if (!"success".equals(response.status()) || response.data() == null) {
            throw new QueryFailedException(response.errorType() + ": " + response.error(), false, null);
        }
        return samples(response.data());
    }

    private String errorOf(WebApplicationException e) {
        try {
            String body = e.getResponse().readEntity(String.class);
            QueryResponse parsed = json.readValue(body, QueryResponse.class);
            return parsed.errorType() + ": " + parsed.error();
        } catch (Exception unreadable) {
            return "Prometheus answered HTTP " + e.getResponse().getStatus();
        }
    }

    private static List<Sample> samples(QueryResponse.Data data) {
        List<Sample> out = new ArrayList<>();
        JsonNode result = data.result();
        switch (data.resultType()) {
            case "vector" -> {
                for (JsonNode element : result) {
                    Map<String, String> labels = new TreeMap<>();
                    element.path("metric").fields().forEachRemaining(f -> labels.put(f.getKey(), f.getValue().asText()));
                    out.add(new Sample(labels, value(element.path("value").get(1).asText())));
                }
            }
            case "scalar" -> out.add(new Sample(Map.of(), value(result.get(1).asText())));
            default -> throw new QueryFailedException("expression gives a " + data.resultType()
                    + "; an alert expression must give an instant vector or a scalar", false, null);
        }
        return out;
    }

    private static double value(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }
}
