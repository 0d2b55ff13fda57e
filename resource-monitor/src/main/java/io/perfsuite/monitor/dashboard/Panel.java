package io.perfsuite.monitor.dashboard;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The charts the page may draw, each a fixed PromQL expression: the series endpoint runs only these, so the page is
 * no proxy for arbitrary queries against Prometheus.
 */
public enum Panel {
    HOST_CPU("host-cpu", "Host CPU busy", "ratio", "instance", "host_cpu_usage_ratio"), HOST_MEMORY("host-memory",
            "Host memory used", "ratio", "instance",
            "1 - host_memory_available_bytes / host_memory_total_bytes"), HOST_LOAD("host-load", "Host load (1 m)", "",
                    "instance", "host_load1"), HOST_NETWORK("host-network", "Host network received", "bytes/s", "instance",
                            "sum by (instance) (rate(host_network_received_bytes_total[1m]))"), HOST_DISK("host-disk",
                                    "Host disk read + written", "bytes/s", "instance",
                                    "sum by (instance) (rate(host_disk_read_bytes_total[1m]))"
                                            + " + sum by (instance) (rate(host_disk_written_bytes_total[1m]))"), HOST_FILESYSTEM(
                                                    "host-filesystem", "File systems used", "ratio", "mountpoint",
                                                    "1 - host_filesystem_free_bytes / host_filesystem_size_bytes"), HOST_SWAP(
                                                            "host-swap", "Host swap used", "bytes", "instance",
                                                            "host_swap_used_bytes"), HOST_FDS("host-fds",
                                                                    "Host file descriptors open", "", "instance",
                                                                    "host_file_descriptors_open"), REQUESTS("requests",
                                                                            "Requests per service", "req/s", "job",
                                                                            "sum by (job) (rate(http_server_requests_seconds_count[1m]))"), LATENCY(
                                                                                    "latency",
                                                                                    "p99 latency per service (mean where it has no buckets)",
                                                                                    "s", "job", Latency.EXPR), ERRORS(
                                                                                            "errors",
                                                                                            "5xx share per service",
                                                                                            "ratio", "job",
                                                                                            "sum by (job) (rate(http_server_requests_seconds_count{status=~\"5..\"}[1m]))"
                                                                                                    + " / sum by (job) (rate(http_server_requests_seconds_count[1m]))"), QUERY_P99(
                                                                                                            "query-p99",
                                                                                                            "Query p99 latency (router)",
                                                                                                            "s",
                                                                                                            "kind",
                                                                                                            "histogram_quantile(0.99, sum by (kind, le) (rate(router_query_duration_seconds_bucket[5m])))"), CACHE_HIT_RATIO(
                                                                                                                    "cache-hit-ratio",
                                                                                                                    "Cache hit ratio",
                                                                                                                    "ratio",
                                                                                                                    "namespace",
                                                                                                                    "sum by (namespace) (rate(cache_reads_seconds_count{result=\"hit\"}[5m]))"
                                                                                                                            + " / sum by (namespace) (rate(cache_reads_seconds_count[5m]))"), REPLICA_LAG(
                                                                                                                                    "replica-lag",
                                                                                                                                    "Replica lag",
                                                                                                                                    "s",
                                                                                                                                    "node",
                                                                                                                                    "max by (node) (router_replica_lag_seconds)");

    /**
     * A service whose {@code http_server_requests_seconds} has buckets (api-support's filter) gets its p99; the
     * load-balancer, whose proxy port is not Quarkus' HTTP server, the p99 of its {@code lb_backend_latency_seconds};
     * {@code or on (job)} falls back to the mean for a service with the buckets turned off. {@code stat} says which.
     */
    private static final class Latency {
        static final String EXPR = "label_replace(histogram_quantile(0.99,"
                + " sum by (job, le) (rate(http_server_requests_seconds_bucket[1m]))), \"stat\", \"p99\", \"\", \"\")"
                + " or on (job) label_replace(histogram_quantile(0.99,"
                + " sum by (job, le) (rate(lb_backend_latency_seconds_bucket[1m]))), \"stat\", \"backend-p99\", \"\", \"\")"
                + " or on (job) label_replace(sum by (job) (rate(http_server_requests_seconds_sum[1m]))"
                + " / sum by (job) (rate(http_server_requests_seconds_count[1m])), \"stat\", \"mean\", \"\", \"\")";
    }

    private final String id;
    private final String title;
    private final String unit;
    private final String legendLabel;
    private final String expr;

    Panel(String id, String title, String unit, String legendLabel, String expr) {
        this.id = id;
        this.title = title;
        this.unit = unit;
        this.legendLabel = legendLabel;
        this.expr = expr;
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public String unit() {
        return unit;
    }

    /** The label that names a series in the legend (the rest of its labels are shown on hover). */
    public String legendLabel() {
        return legendLabel;
    }

    public String expr() {
        return expr;
    }

    public static Optional<Panel> byId(String id) {
        return Arrays.stream(values()).filter(p -> p.id.equals(id)).findFirst();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(Panel::id).toList();
    }
}
