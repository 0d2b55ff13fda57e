package io.perfsuite.autoscaler.controller;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;

/** A real /metrics endpoint on loopback whose gauge value the test sets; Prometheus scrapes it. */
final class DemandEndpoint implements AutoCloseable {

    private final HttpServer server;
    private volatile double value;

    DemandEndpoint(String metric, double initial) throws IOException {
        this.value = initial;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/metrics", exchange -> {
            byte[] body = ("# TYPE " + metric + " gauge\n" + metric + " " + value + "\n")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    void set(double newValue) {
        value = newValue;
    }

    String hostPort() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
