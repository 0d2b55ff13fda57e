package io.perfsuite.loadbalancer.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Real HTTP backends for the proxy's tests, each a small Vert.x server on a loopback port: an echo (tells what it
 * received, streams, counts uploads without keeping them, echoes WebSocket frames), a slow one, one that answers 503
 * and one that drops every connection. Any of them can be stopped and started again on the same port.
 */
public final class TestBackends implements AutoCloseable {

    public enum Kind {
        ECHO, SLOW, UNAVAILABLE, DYING
    }

    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    private final Map<String, Backend> backends = new ConcurrentHashMap<>();

    public Backend start(String name, Kind kind) {
        Backend backend = new Backend(name, kind, 0);
        backend.start();
        backends.put(name, backend);
        return backend;
    }

    public Backend get(String name) {
        return backends.get(name);
    }

    @Override
    public void close() {
        backends.values().forEach(Backend::stop);
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    public final class Backend {
        private final String name;
        private final Kind kind;
        private int port;
        private HttpServer server;
        /** requests that reached the handler, health checks excluded */
        public final AtomicInteger requests = new AtomicInteger();
        public final AtomicLong uploadedBytes = new AtomicLong();
        /** delay of the slow backend and of /slow on any backend, in ms */
        public volatile long delayMillis = 300;
        /** what /health answers */
        public volatile int healthStatus = 200;

        private Backend(String name, Kind kind, int port) {
            this.name = name;
            this.kind = kind;
            this.port = port;
        }

        public String name() {
            return name;
        }

        public int port() {
            return port;
        }

        public String url() {
            return "http://127.0.0.1:" + port;
        }

        public synchronized void start() {
            // WebSocket upgrades are taken in the request handler, not with webSocketHandler: Quarkus sets the JVM-wide
            // vertx.disableWebsockets when it starts, and a server whose Vert.x classes load after that (the next test
            // application's backends) would never call a webSocketHandler and answer the upgrade as a plain request
            HttpServer created = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port))
                    .requestHandler(this::handle);
            server = await(created.listen());
            port = server.actualPort();
        }

        public synchronized void stop() {
            if (server != null) {
                await(server.close());
                server = null;
            }
        }

        public synchronized boolean running() {
            return server != null;
        }

        private void handle(HttpServerRequest request) {
            if (request.path().equals("/health")) {
                request.response().setStatusCode(healthStatus).end();
                return;
            }
            requests.incrementAndGet();
            switch (kind) {
                case DYING -> request.connection().close();
                case UNAVAILABLE -> request.response().setStatusCode(503).end("busy");
                case SLOW -> {
                    // held until the delay is over, so the body (and its end) is still there to read
                    request.pause();
                    vertx.setTimer(delayMillis, t -> {
                        route(request);
                        request.resume();
                    });
                }
                default -> route(request);
            }
        }

        private void route(HttpServerRequest request) {
            String path = request.path();
            if (request.headers().contains("Upgrade", "websocket", true)) {
                request.toWebSocket().onSuccess(ws -> ws.textMessageHandler(ws::writeTextMessage));
            } else if (path.startsWith("/stream")) {
                stream(request, Integer.parseInt(param(request, "chunks", "5")),
                        Long.parseLong(param(request, "gap", "200")));
            } else if (path.startsWith("/fixed")) {
                // a declared length whose body comes in two parts, apart
                request.response().putHeader("Content-Length", "10").write("hello");
                vertx.setTimer(Long.parseLong(param(request, "gap", "50")), t -> request.response().end("world"));
            } else if (path.startsWith("/upload")) {
                // count and drop: the backend must not be what holds a big upload in memory either
                AtomicLong received = new AtomicLong();
                request.handler(chunk -> received.addAndGet(chunk.length()));
                request.endHandler(v -> {
                    uploadedBytes.addAndGet(received.get());
                    request.response().end(new JsonObject().put("bodyBytes", received.get()).put("server", name)
                            .encode());
                });
            } else if (path.startsWith("/status/")) {
                request.response().setStatusCode(Integer.parseInt(path.substring("/status/".length()))).end();
            } else if (path.startsWith("/hop")) {
                request.response()
                        .putHeader("Connection", "X-Backend-Hop")
                        .putHeader("X-Backend-Hop", "secret")
                        .putHeader("Keep-Alive", "timeout=5")
                        .putHeader("Proxy-Authenticate", "Basic")
                        .putHeader("Trailer", "X-Checksum")
                        .putHeader("Upgrade", "h2c")
                        .putHeader("X-End-To-End", "kept")
                        .end("hop");
            } else {
                request.body().onSuccess(body -> echo(request, body));
            }
        }

        private void echo(HttpServerRequest request, Buffer body) {
            JsonObject headers = new JsonObject();
            request.headers().forEach(h -> {
                String key = h.getKey().toLowerCase(java.util.Locale.ROOT);
                JsonArray values = headers.getJsonArray(key);
                if (values == null) {
                    values = new JsonArray();
                    headers.put(key, values);
                }
                values.add(h.getValue());
            });
            JsonObject echo = new JsonObject().put("server", name).put("method", request.method().name())
                    .put("uri", request.uri()).put("version", request.version().name()).put("headers", headers)
                    .put("bodyBytes", body.length()).put("body", body.toString());
            request.response().putHeader("Content-Type", "application/json").putHeader("X-Server", name)
                    .end(echo.encode());
        }

        private void stream(HttpServerRequest request, int chunks, long gapMillis) {
            request.response().setChunked(true);
            AtomicInteger sent = new AtomicInteger();
            Handler<Long> next = new Handler<>() {
                @Override
                public void handle(Long id) {
                    int n = sent.incrementAndGet();
                    request.response().write("chunk-" + n + "\n");
                    if (n == chunks) {
                        request.response().end();
                    } else {
                        vertx.setTimer(gapMillis, this);
                    }
                }
            };
            next.handle(0L);
        }
    }

    private static String param(HttpServerRequest request, String name, String fallback) {
        String value = request.getParam(name);
        return value == null ? fallback : value;
    }

    static <T> T await(io.vertx.core.Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public List<Backend> all() {
        return new ArrayList<>(backends.values());
    }
}
