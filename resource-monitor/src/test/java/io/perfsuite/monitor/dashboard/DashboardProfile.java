package io.perfsuite.monitor.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.perfsuite.testsupport.FreePort;
import io.perfsuite.testsupport.PrometheusServer;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Rules from a scratch directory (one fires, one stays pending), the peers on a stub, Jaeger at a fixed address,
 * and a one-second page refresh.
 */
public class DashboardProfile implements QuarkusTestProfile {

    static final int PEER_PORT = FreePort.find();
    static final Path RULES_DIR = scratch();
    static final String JAEGER = "http://jaeger.test:16686";

    private static Path scratch() {
        try {
            Path dir = Files.createTempDirectory("dashboard-rules-");
            Files.writeString(dir.resolve("dashboard.yml"), """
                    groups:
                      - name: dashboard
                        interval: 1s
                        rules:
                          - alert: DashboardQueueDeep
                            expr: perfsuite_dashboard_queue_depth > 5
                            labels:
                              severity: critical
                            annotations:
                              summary: "queue {{ $labels.queue }} holds {{ $value }}"
                          - alert: DashboardQueueSlowlyGrowing
                            expr: perfsuite_dashboard_queue_depth > 1
                            for: 1h
                            labels:
                              severity: warning
                    """);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final Set<PrometheusServer> SCRAPING = ConcurrentHashMap.newKeySet();

    /** Points Prometheus at this service once per Prometheus (the dashboard's test classes share one). */
    static void scrapeThisService(PrometheusServer prometheus, int port) {
        if (SCRAPING.add(prometheus)) {
            prometheus.addScrapeTarget("resource-monitor", "127.0.0.1:" + port, "/q/metrics");
        }
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        String peers = "http://127.0.0.1:" + PEER_PORT;
        return Map.ofEntries(
                Map.entry("monitor.rules.paths", RULES_DIR.toString()),
                Map.entry("monitor.dashboard.jaeger-url", JAEGER),
                Map.entry("monitor.dashboard.refresh-seconds", "1"),
                Map.entry("monitor.dashboard.autoscaler.url", peers),
                Map.entry("monitor.dashboard.autoscaler.policies", "shop/api,shop/unknown"),
                Map.entry("monitor.dashboard.autoscaler.timeout", "1s"),
                Map.entry("monitor.dashboard.query-router.url", peers),
                Map.entry("monitor.dashboard.query-router.api-key", PeerStub.ROUTER_KEY),
                Map.entry("monitor.dashboard.query-router.timeout", "1s"));
    }
}
