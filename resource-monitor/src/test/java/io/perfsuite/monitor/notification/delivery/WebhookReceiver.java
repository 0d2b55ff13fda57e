package io.perfsuite.monitor.notification.delivery;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;

/**
 * A real HTTP receiver for the tests: records every POST (path, Idempotency-Key, JSON body, and whether it was
 * accepted), and can refuse the next N requests on a path with a status, to test retries.
 */
public final class WebhookReceiver implements AutoCloseable {

    public record Received(String path, String idempotencyKey, JsonObject body, int answeredWith) {
    }

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
    private final Map<String, Integer> failureStatus = new ConcurrentHashMap<>();

    public WebhookReceiver(int port) {
        server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            String path = request.path();
            AtomicInteger left = failures.get(path);
            int status = left != null && left.getAndDecrement() > 0 ? failureStatus.get(path) : 200;
            received.add(new Received(path, request.getHeader("Idempotency-Key"), body.toJsonObject(), status));
            request.response().setStatusCode(status).end(status == 200 ? "ok" : "refused");
        })).listen(port, "127.0.0.1").toCompletionStage().toCompletableFuture().join();
    }

    public void failNext(String path, int count, int status) {
        failureStatus.put(path, status);
        failures.put(path, new AtomicInteger(count));
    }

    /** Every request on a path, in arrival order. */
    public List<Received> on(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** Accepted requests on a path whose body matches. */
    public List<Received> accepted(String path, java.util.function.Predicate<JsonObject> body) {
        return on(path).stream().filter(r -> r.answeredWith() == 200 && body.test(r.body())).toList();
    }

    @Override
    public void close() {
        server.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    }
}
