package io.perfsuite.router.cache;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

import io.perfsuite.testsupport.FreePort;

/**
 * A real HTTP server standing in for a cache-service that accepts connections but answers late: every request is
 * held for {@code delay}, then answered 404 (a miss) or 204.
 */
public final class SlowHttpServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private final AtomicInteger requests = new AtomicInteger();

    private SlowHttpServer(Duration delay) throws IOException {
        server = HttpServer.create(new InetSocketAddress(FreePort.LOOPBACK_HOST, FreePort.find()), 64);
        server.setExecutor(handlers);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            try {
                // the stand-in's slowness, on its own handler thread; nothing in the test waits on it
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders("GET".equals(exchange.getRequestMethod()) ? 404 : 204, -1);
            exchange.close();
        });
        server.start();
    }

    static SlowHttpServer start(Duration delay) {
        try {
            return new SlowHttpServer(delay);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the slow server", e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Requests that reached the server so far. */
    public int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }
}
