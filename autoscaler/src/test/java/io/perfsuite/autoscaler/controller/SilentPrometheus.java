package io.perfsuite.autoscaler.controller;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A "Prometheus" that accepts connections and never answers, like one stuck on a heavy query or behind a
 * black-holing proxy. The autoscaler is pointed at it with a short timeout.
 */
public class SilentPrometheus implements QuarkusTestResourceLifecycleManager {

    private ServerSocket server;
    private final List<Socket> held = new CopyOnWriteArrayList<>();

    @Override
    public Map<String, String> start() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    held.add(server.accept());
                } catch (IOException closed) {
                    return;
                }
            }
        }, "silent-prometheus");
        acceptor.setDaemon(true);
        acceptor.start();
        return Map.of("autoscaler.prometheus.url", "http://127.0.0.1:" + server.getLocalPort(),
                "autoscaler.prometheus.timeout", "300ms",
                "autoscaler.prometheus.retries", "1",
                "autoscaler.prometheus.retry-backoff", "50ms");
    }

    @Override
    public void stop() {
        try {
            server.close();
            for (Socket socket : held) {
                socket.close();
            }
        } catch (IOException ignored) {
            // closing what the test held: nothing left to do
        }
    }
}
