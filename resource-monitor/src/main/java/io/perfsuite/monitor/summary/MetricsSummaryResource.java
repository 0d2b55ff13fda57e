package io.perfsuite.monitor.summary;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.perfsuite.monitor.alerting.Sample;
import io.perfsuite.monitor.host.HostCollector;
import io.perfsuite.monitor.prometheus.PrometheusQueries;
import io.smallrye.common.annotation.Blocking;

/**
 * One page of numbers: this host from the local collector, and the suite's services from Prometheus. While
 * Prometheus is unreachable the answer is still 200, with the host part and {@code prometheus.status = unreachable}
 * naming the error, so a dashboard shows what is known and why the rest is missing.
 */
@Path("/v1/metrics/summary")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class MetricsSummaryResource {

    private static final String REQUESTS = "sum by (job) (rate(http_server_requests_seconds_count[1m]))";
    private static final String ERRORS = "sum by (job) (rate(http_server_requests_seconds_count{status=~\"5..\"}[1m]))";

    private final PrometheusQueries prometheus;
    private final HostCollector host;
    private final Clock clock;

    MetricsSummaryResource(PrometheusQueries prometheus, HostCollector host, Clock clock) {
        this.prometheus = prometheus;
        this.host = host;
        this.clock = clock;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PrometheusState(String status, String error) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Service(String job, int instances, int up, Double requestsPerSecond, Double errorRatio) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Summary(Instant at, HostCollector.HostSnapshot host, PrometheusState prometheus, List<Service> services,
            Map<String, Double> cacheHitRatio, Map<String, Double> replicaLagSeconds, Map<String, Double> queryP99Seconds) {
    }

    @GET
    public Summary summary() {
        Instant now = clock.instant();
        try {
            Map<String, int[]> up = new TreeMap<>();
            for (Sample s : prometheus.instant("up", now)) {
                int[] counts = up.computeIfAbsent(s.labels().getOrDefault("job", ""), k -> new int[2]);
                counts[0]++;
                counts[1] += s.value() == 1 ? 1 : 0;
            }
            Map<String, Double> requests = byLabel(prometheus.instant(REQUESTS, now), "job");
            Map<String, Double> errors = byLabel(prometheus.instant(ERRORS, now), "job");
            List<Service> services = new ArrayList<>();
            up.forEach((job, counts) -> {
                Double rate = requests.get(job);
                Double errorRate = errors.get(job);
                Double ratio = rate == null || rate == 0 ? null : (errorRate == null ? 0.0 : errorRate / rate);
                services.add(new Service(job, counts[0], counts[1], rate, ratio));
            });
            Map<String, Double> hitRatio = byLabel(prometheus.instant(
                    "sum by (namespace) (rate(cache_reads_seconds_count{result=\"hit\"}[5m]))"
                            + " / sum by (namespace) (rate(cache_reads_seconds_count[5m]))",
                    now), "namespace");
            Map<String, Double> lag = byLabel(prometheus.instant("max by (node) (router_replica_lag_seconds)", now), "node");
            Map<String, Double> p99 = byLabel(prometheus.instant(
                    "histogram_quantile(0.99, sum by (kind, le) (rate(router_query_duration_seconds_bucket[5m])))", now),
                    "kind");
            return new Summary(now, host.last(), new PrometheusState("up", null), services, hitRatio, lag, p99);
        } catch (PrometheusQueries.QueryFailedException e) {
            return new Summary(now, host.last(), new PrometheusState(e.unreachable() ? "unreachable" : "error",
                    e.getMessage()), null, null, null, null);
        }
    }

    private static Map<String, Double> byLabel(List<Sample> samples, String label) {
        Map<String, Double> out = new TreeMap<>();
        for (Sample s : samples) {
            if (!Double.isNaN(s.value())) {
                out.put(s.labels().getOrDefault(label, ""), s.value());
            }
        }
        return out;
    }
}
