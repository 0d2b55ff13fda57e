package io.perfsuite.e2e;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.perfsuite.testsupport.FreePort;

/** The local demo's shop ({@code scripts/demo/DemoShop.java}), run from source as run-local.sh runs it. */
final class DemoShopProcess implements AutoCloseable {

    private final Process process;
    private final int port;

    private DemoShopProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static DemoShopProcess start(String routerUrl, String routerKey) {
        Path root = Path.of(System.getProperty("perfsuite.root", "..")).toAbsolutePath().normalize();
        Path source = root.resolve("scripts/demo/DemoShop.java");
        int port = FreePort.find();
        try {
            Path log = Files.createDirectories(Path.of("target", "test-servers")).resolve("demo-shop-" + port + ".log");
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx128m", source.toString()).redirectErrorStream(true).redirectOutput(Redirect.appendTo(log.toFile()))
                    .redirectInput(Redirect.from(new File("/dev/null")));
            builder.environment().put("DEMO_PORT", String.valueOf(port));
            builder.environment().put("DEMO_ROUTER_URL", routerUrl);
            builder.environment().put("DEMO_ROUTER_KEY", routerKey);
            builder.environment().put("DEMO_PRODUCTS", "50");
            DemoShopProcess shop = new DemoShopProcess(builder.start(), port);
            shop.awaitHealthy(log);
            return shop;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitHealthy(Path log) {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest health = HttpRequest.newBuilder(URI.create(url() + "/health")).timeout(Duration.ofSeconds(2)).build();
        try {
            await("the demo shop (log: " + log + ")").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("the demo shop exited with " + process.exitValue()
                                    + "; see " + log);
                        }
                        try {
                            return http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                        } catch (IOException e) {
                            return false;
                        }
                    });
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    int port() {
        return port;
    }

    String url() {
        return "http://" + FreePort.LOOPBACK_HOST + ":" + port;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    @Override
    public String toString() {
        return "demo shop@" + url();
    }
}
