package io.perfsuite.cache.origin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP origin for read-through tests. {@code GET /items/<key>} answers {@code item-<key>} with
 * {@code Cache-Control: max-age=60} after a short delay (so concurrent readers overlap one load), 404 for keys
 * starting with {@code missing}, and 500 for keys marked failing. Keys starting with {@code huge} get a body of
 * {@link #HUGE_BYTES} with its length declared, {@code chunked-huge} the same body chunked, with no length. It counts
 * the loads of each key.
 */
public class OriginServer implements AutoCloseable {

    static final int LOAD_DELAY_MS = 300;
    /** Past the cap the tests configure ({@code cache.origin.max-body-bytes=64K}). */
    static final int HUGE_BYTES = 200 * 1024;

    private final Map<String, AtomicInteger> loads = new ConcurrentHashMap<>();
    private final Map<String, Boolean> failing = new ConcurrentHashMap<>();
    private HttpServer server;

    public void start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/items/", this::handle);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public int loads(String key) {
        AtomicInteger count = loads.get(key);
        return count == null ? 0 : count.get();
    }

    public void failFor(String key) {
        failing.put(key, true);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String key = exchange.getRequestURI().getPath().substring("/items/".length());
        loads.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        try {
            Thread.sleep(LOAD_DELAY_MS); // an origin that takes time to compute, as real ones do
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failing.containsKey(key)) {
            exchange.sendResponseHeaders(500, -1);
        } else if (key.startsWith("missing")) {
            exchange.sendResponseHeaders(404, -1);
        } else if (key.startsWith("huge") || key.startsWith("chunked-huge")) {
            sendHuge(exchange, key.startsWith("chunked"));
        } else {
            byte[] body = ("item-" + key).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain");
            exchange.getResponseHeaders().add("Cache-Control", "max-age=60");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    private static void sendHuge(HttpExchange exchange, boolean chunked) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
        exchange.getResponseHeaders().add("Cache-Control", "max-age=60");
        exchange.sendResponseHeaders(200, chunked ? 0 : HUGE_BYTES); // 0: chunked, no Content-Length
        byte[] chunk = new byte[8 * 1024];
        try {
            for (int sent = 0; sent < HUGE_BYTES; sent += chunk.length) {
                exchange.getResponseBody().write(chunk);
                exchange.getResponseBody().flush();
            }
        } catch (IOException e) {
            // the cache reset the connection once it saw the cap passed, as it should
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
        }
    }
}
