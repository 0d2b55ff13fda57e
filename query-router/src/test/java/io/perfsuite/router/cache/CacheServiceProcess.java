package io.perfsuite.router.cache;

import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.perfsuite.testsupport.FreePort;
import io.perfsuite.testsupport.RedisServer;

/**
 * The real cache-service, from its packaged jar (built before this module: query-router has a test-scoped,
 * transitive-free dependency on it), in front of a real Redis. Stop and start it to test the router without it.
 */
public final class CacheServiceProcess implements AutoCloseable {

    static final String API_KEY = "test-router-cache-key-0001";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final RedisServer redis;
    private final Path jar;
    private final Path log;
    private final int port;
    private Process process;

    private CacheServiceProcess(RedisServer redis, Path jar, Path log, int port) {
        this.redis = redis;
        this.jar = jar;
        this.log = log;
        this.port = port;
    }

    static CacheServiceProcess launch() {
        Path jar = Path.of("..", "cache-service", "target", "quarkus-app", "quarkus-run.jar").toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("cache-service is not packaged at " + jar
                    + "; build it first (./mvnw -pl query-router -am verify builds it)");
        }
        RedisServer redis = RedisServer.launch();
        try {
            Path log = Path.of("target", "cache-service-test.log").toAbsolutePath();
            CacheServiceProcess service = new CacheServiceProcess(redis, jar, log, FreePort.find());
            service.start();
            return service;
        } catch (RuntimeException e) {
            redis.close();
            throw e;
        }
    }

    public String url() {
        return "http://" + FreePort.LOOPBACK_HOST + ":" + port;
    }

    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-Dquarkus.http.port=" + port);
        command.add("-Dquarkus.http.host=" + FreePort.LOOPBACK_HOST);
        command.add("-Dquarkus.redis.hosts=" + redis.uri());
        command.add("-Dquarkus.log.console.json.enabled=false");
        command.add("-Dquarkus.otel.traces.exporter=none");
        command.add("-Dperfsuite.auth.api-keys.router.secret=" + API_KEY);
        command.add("-Dperfsuite.auth.api-keys.router.roles=admin");
        command.add("-Dcache.namespaces.query-router.default-ttl=1m");
        command.add("-jar");
        command.add(jar.toString());
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(Redirect.appendTo(log.toFile()))
                    .redirectInput(Redirect.from(new File("/dev/null"))).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start cache-service: " + e.getMessage(), e);
        }
        awaitReady();
    }

    public synchronized void stop() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    @Override
    public void close() {
        stop();
        redis.close();
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(url() + "/q/health/ready")).timeout(Duration.ofSeconds(2))
                .build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("cache-service exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for cache-service", e);
            }
            // a process start-up poll; the Awaitility rule is for tests, this is fixture start-up
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
        throw new IllegalStateException("cache-service not ready within " + READY_TIMEOUT + "; see " + log);
    }
}
