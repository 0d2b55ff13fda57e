package io.perfsuite.loadbalancer.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The routing file under test: the default layout, and rewrites of it for reload tests. */
public final class RoutingFixture {

    private final Path file;
    private final TestBackends backends;
    private final int closedPort;

    RoutingFixture(Path file, TestBackends backends, int closedPort) {
        this.file = file;
        this.backends = backends;
        this.closedPort = closedPort;
    }

    public Path file() {
        return file;
    }

    public String defaultYaml() {
        String echo1 = backends.get("echo-1").url();
        String echo2 = backends.get("echo-2").url();
        return """
                pools:
                  - name: echo
                    strategy: round-robin
                    backends: [%1$s, %2$s]
                    health-check: {path: /health, interval: 100ms, timeout: 500ms, fall: 1, rise: 1}
                  - name: canary
                    strategy: round-robin
                    backends: [%3$s]
                    health-check: {path: /health, interval: 100ms, timeout: 500ms, fall: 1, rise: 1}
                  - name: flaky
                    strategy: round-robin
                    backends: [http://127.0.0.1:%4$d, %5$s, %6$s, %1$s]
                    health-check: {enabled: false}
                    outlier-detection: {consecutive-5xx: 0, consecutive-gateway-failures: 0}
                    retries: {max-retries: 3, budget-percent: 100, min-per-second: 1000}
                  - name: no-retries
                    strategy: round-robin
                    backends: [%5$s, %1$s]
                    health-check: {enabled: false}
                    outlier-detection: {consecutive-5xx: 0, consecutive-gateway-failures: 0}
                    retries: {max-retries: 0}
                  - name: slow
                    backends: [%7$s]
                    health-check: {enabled: false}
                    timeouts: {request: 400ms}
                  - name: limited
                    backends: [%7$s]
                    health-check: {enabled: false}
                    limits: {max-concurrent: 1, queue-size: 1, queue-timeout: 200ms}
                    timeouts: {request: 10s}
                  - name: idle
                    strategy: round-robin
                    backends: [%1$s]
                    health-check: {enabled: false}
                    timeouts: {request: 2s, idle: 300ms}
                  # ProxySpanTest: a refused first attempt, and a pool in panic mode
                  - {name: refuse-once, strategy: round-robin, backends: [http://127.0.0.1:%4$d, %1$s],
                     health-check: {enabled: false}, retries: {max-retries: 1, budget-percent: 100, min-per-second: 1000},
                     outlier-detection: {consecutive-5xx: 0, consecutive-gateway-failures: 0}}
                  - {name: sick, backends: [%8$s], outlier-detection: {consecutive-5xx: 0},
                     health-check: {path: /health, interval: 100ms, timeout: 500ms, fall: 1, rise: 1}}
                routes:
                  - {name: refuse-once, match: {path-prefix: /refuse-once}, pool: refuse-once}
                  - {name: panic, match: {path-prefix: /panic}, pool: sick}
                  - name: flaky
                    match: {path-prefix: /flaky}
                    pool: flaky
                  - name: no-retries
                    match: {path-prefix: /no-retries}
                    pool: no-retries
                  - name: slow
                    match: {path-prefix: /slow}
                    pool: slow
                  - name: limited
                    match: {path-prefix: /limited}
                    pool: limited
                  - name: split
                    match: {path-prefix: /split}
                    pools: [{pool: echo, weight: 100}, {pool: canary, weight: 0}]
                  - name: idle
                    match: {headers: {X-Idle-Test: "1"}}
                    pool: idle
                  - name: canary-header
                    match: {headers: {X-Canary: "1"}}
                    pool: canary
                  - name: default
                    pool: echo
                """.formatted(echo1, echo2, backends.get("canary").url(), closedPort,
                backends.get("unavailable").url(), backends.get("dying").url(), backends.get("slow").url(),
                backends.get("sick").url());
    }

    public void writeDefault() {
        write(defaultYaml());
    }

    /** Replaces the file in one step, so the poller never reads half of it. */
    public void write(String yaml) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, yaml);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
