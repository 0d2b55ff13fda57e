package io.perfsuite.monitor.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import com.fasterxml.jackson.databind.JsonNode;

import io.perfsuite.monitor.config.MonitorConfig;
import io.perfsuite.monitor.prometheus.PrometheusApi;
import io.perfsuite.monitor.prometheus.QueryResponse;

/** Runs a panel's expression as a range query through the module's Prometheus client. */
@ApplicationScoped
public class ChartSeries {

    private final PrometheusApi api;
    private final Duration timeout;

    ChartSeries(PrometheusApi api, MonitorConfig config) {
        this.api = api;
        this.timeout = config.prometheus().timeout().plusMillis(500);
    }

    /** One line of a chart: points as {@code [epochMillis, value]}, value null where Prometheus gave NaN or Inf. */
    public record Line(String name, Map<String, String> labels, List<Object[]> points) {
    }

    /** Prometheus did not answer ({@code unreachable}) or refused the query. */
    public static final class SeriesUnavailable extends RuntimeException {
        private final boolean unreachable;

        SeriesUnavailable(String message, boolean unreachable, Throwable cause) {
            super(message, cause);
            this.unreachable = unreachable;
        }

        public boolean unreachable() {
            return unreachable;
        }
    }

    public List<Line> lines(Panel panel, ChartWindow window) {
        QueryResponse response;
        try {
            response = api.queryRange(panel.expr(), seconds(window.start()), seconds(window.end()),
                    Long.toString(window.step().toSeconds())).await().atMost(timeout);
        } catch (WebApplicationException e) {
            throw new SeriesUnavailable("Prometheus refused the query: HTTP " + e.getResponse().getStatus(), false, e);
        } catch (RuntimeException e) {
            throw new SeriesUnavailable("Prometheus is unreachable: " + e.getMessage(), true, e);
        }
        if (!"success".equals(response.status()) || response.data() == null
                || !"matrix".equals(response.data().resultType())) {
            throw new SeriesUnavailable("Prometheus refused the query: " + response.errorType() + ": " + response.error(),
                    false, null);
        }
        List<Line> lines = new ArrayList<>();
        for (JsonNode element : response.data().result()) {
            Map<String, String> labels = new TreeMap<>();
            element.path("metric").fields().forEachRemaining(f -> labels.put(f.getKey(), f.getValue().asText()));
            List<Object[]> points = new ArrayList<>();
            for (JsonNode pair : element.path("values")) {
                long millis = Math.round(pair.get(0).asDouble() * 1000);
                points.add(new Object[]{millis, finite(pair.get(1).asText())});
            }
            String name = labels.getOrDefault(panel.legendLabel(), labels.isEmpty() ? panel.id() : labels.toString());
            lines.add(new Line(name, labels, points));
        }
        return lines;
    }

    private static Double finite(String text) {
        try {
            double v = Double.parseDouble(text);
            return Double.isFinite(v) ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String seconds(Instant t) {
        return Long.toString(t.getEpochSecond());
    }
}
