package io.perfsuite.e2e;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.perfsuite.testsupport.FreePort;
import io.perfsuite.testsupport.ServerProcess;

/**
 * The local demo's shop ({@code scripts/demo/DemoShop.java}), run from source as run-local.sh runs it, on
 * test-support's {@link ServerProcess}; ready once {@code /health} answers.
 */
final class DemoShopProcess implements AutoCloseable {

    private final ServerProcess process;
    private final int port;

    private DemoShopProcess(ServerProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    static DemoShopProcess start(String routerUrl, String routerKey) {
        int port = FreePort.find();
        ServerProcess process = ServerProcess.builder("demo-shop-" + port,
                List.of(ServerProcess.java(), "-Xmx128m", demoSource("DemoShop.java").toString()))
                .environment(Map.of(
                        "DEMO_PORT", String.valueOf(port),
                        "DEMO_ROUTER_URL", routerUrl,
                        "DEMO_ROUTER_KEY", routerKey,
                        "DEMO_PRODUCTS", "50"))
                .readyUrl("http://" + FreePort.LOOPBACK_HOST + ":" + port + "/health").start();
        return new DemoShopProcess(process, port);
    }

    /** A file of {@code scripts/demo/} in the checkout the tests run in. */
    static Path demoSource(String file) {
        Path root = Path.of(System.getProperty("perfsuite.root", "..")).toAbsolutePath().normalize();
        return root.resolve(Path.of("scripts", "demo", file));
    }

    int port() {
        return port;
    }

    String url() {
        return "http://" + FreePort.LOOPBACK_HOST + ":" + port;
    }

    @Override
    public void close() {
        process.close();
    }

    @Override
    public String toString() {
        return "demo shop@" + url() + " (log: " + process.logFile() + ")";
    }
}
