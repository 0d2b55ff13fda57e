package io.perfsuite.monitor.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server standing in for the autoscaler (one policy's decisions) and query-router (its slow-query log,
 * behind an admin key), answering in their documented shapes. Can be stopped and started on the same port.
 */
final class PeerStub implements AutoCloseable {

    static final String ROUTER_KEY = "router-admin-key-0123456789";
    static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    private final int port;
    private HttpServer server;

    PeerStub(int port) {
        this.port = port;
        start();
    }

    synchronized void start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v1/policies/shop/api/decisions", exchange -> answer(exchange, 200, """
                [{"time":"2026-01-01T10:00:00Z","mode":"Auto","from":2,"to":2,"recommendation":2,"apply":false,
                  "reason":"WithinTolerance","rule":"cpu","message":"cpu 0.52 within tolerance","metrics":{"cpu":0.52},
                  "limited":false,"metricsAvailable":true,"failedEvaluations":0},
                 {"time":"2026-01-01T10:00:30Z","mode":"Auto","from":2,"to":4,"recommendation":4,"apply":true,
                  "reason":"MetricAboveTarget","rule":"cpu","message":"cpu 0.93 over target 0.6","metrics":{"cpu":0.93},
                  "limited":false,"metricsAvailable":true,"failedEvaluations":0}]"""));
        server.createContext("/v1/policies/shop/unknown/decisions", exchange -> answer(exchange, 404,
                "{\"status\":404,\"detail\":\"no decisions for policy shop/unknown\"}"));
        server.createContext("/v1/slow-queries", exchange -> {
            if (!ROUTER_KEY.equals(exchange.getRequestHeaders().getFirst("X-API-Key"))) {
                answer(exchange, 401, "{\"status\":401}");
                return;
            }
            answer(exchange, 200, """
                    [{"sql":"SELECT * FROM orders WHERE customer_id = $1","durationMs":1250,"node":"replica-1",
                      "route":"replica","reason":"read","traceId":"%s"}]""".formatted(TRACE_ID));
        });
        server.start();
    }

    synchronized void stop() {
        server.stop(0);
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        stop();
    }
}
