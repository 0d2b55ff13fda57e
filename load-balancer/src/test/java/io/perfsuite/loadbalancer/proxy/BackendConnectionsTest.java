package io.perfsuite.loadbalancer.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.perfsuite.loadbalancer.endpoint.Endpoint;
import io.perfsuite.loadbalancer.endpoint.EndpointSpec;
import io.perfsuite.loadbalancer.endpoint.PoolPolicy;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.impl.ContextInternal;

/** The proxy's own keep-alive pool against a real Vert.x HTTP backend that counts its connections. */
class BackendConnectionsTest {

    private Vertx vertx;
    private HttpServer backend;
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();
    private final List<HttpConnection> serverConnections = new ArrayList<>();
    private ContextInternal loop;
    private Endpoint endpoint;
    private OnLoop onLoop;

    @BeforeEach
    void startBackend() throws Exception {
        vertx = Vertx.vertx();
        // without h2c detection, so the server sees a connection as soon as it is open, not at its first request
        backend = vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(false))
                .connectionHandler(connection -> {
                    accepted.incrementAndGet();
                    synchronized (serverConnections) {
                        serverConnections.add(connection);
                    }
                    connection.closeHandler(v -> closed.incrementAndGet());
                }).requestHandler(request -> {
                    switch (request.path()) {
                        case "/close" -> request.response().putHeader("Connection", "close").end("bye");
                        default -> request.response().end("ok");
                    }
                }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        endpoint = new Endpoint(EndpointSpec.of("http://127.0.0.1:" + backend.actualPort(), 1), PoolPolicy.DEFAULT,
                Clock.systemUTC());
        loop = (ContextInternal) vertx.getOrCreateContext();
        onLoop = new OnLoop(loop);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private BackendConnections pool(int maxPerBackend, int keepAliveSeconds) throws Exception {
        return onLoop.call(() -> new BackendConnections(vertx, loop, new HttpClientOptions().setKeepAlive(true)
                .setKeepAliveTimeout(keepAliveSeconds), maxPerBackend));
    }

    @Test
    void shouldSendSequentialRequestsOverOneKeepAliveConnection() throws Exception {
        BackendConnections pool = pool(4, 60);
        BackendConnections.Connection first = acquire(pool, 1000).get(5, TimeUnit.SECONDS);
        assertThat(exchange(pool, first, "/").get(5, TimeUnit.SECONDS)).isEqualTo("ok");
        for (int i = 0; i < 9; i++) {
            BackendConnections.Connection next = acquire(pool, 1000).get(5, TimeUnit.SECONDS);
            assertThat(next).isSameAs(first);
            assertThat(exchange(pool, next, "/" + i).get(5, TimeUnit.SECONDS)).isEqualTo("ok");
        }

        assertThat(accepted.get()).isEqualTo(1);
        assertThat(onLoop.call(() -> pool.open(endpoint))).isEqualTo(1);
        assertThat(onLoop.call(() -> pool.idle(endpoint))).isEqualTo(1);
    }

    @Test
    void shouldQueueBeyondMaxConnectionsAndHandOverTheNextFreeOne() throws Exception {
        BackendConnections pool = pool(2, 60);
        BackendConnections.Connection a = acquire(pool, 5000).get(5, TimeUnit.SECONDS);
        BackendConnections.Connection b = acquire(pool, 5000).get(5, TimeUnit.SECONDS);
        CompletableFuture<BackendConnections.Connection> third = acquire(pool, 5000);

        assertThat(third).isNotDone();
        assertThat(onLoop.call(() -> pool.open(endpoint))).isEqualTo(2);
        onLoop.run(() -> {
            pool.release(a, true);
        });
        assertThat(third.get(5, TimeUnit.SECONDS)).isSameAs(a);
        await().atMost(Duration.ofSeconds(5)).until(() -> accepted.get() == 2);
        assertThat(b).isNotSameAs(a);
    }

    @Test
    void shouldFailAWaitThatOutlastsTheConnectTimeout() throws Exception {
        BackendConnections pool = pool(1, 60);
        acquire(pool, 5000).get(5, TimeUnit.SECONDS);

        CompletableFuture<BackendConnections.Connection> waiting = acquire(pool, 150);

        assertThat(catchCause(waiting)).isInstanceOf(TimeoutException.class).hasMessageContaining("1 in use");
    }

    @Test
    void shouldNotPoolAConnectionTheBackendClosesAfterItsResponse() throws Exception {
        BackendConnections pool = pool(4, 60);
        BackendConnections.Connection connection = acquire(pool, 1000).get(5, TimeUnit.SECONDS);

        assertThat(exchange(pool, connection, "/close").get(5, TimeUnit.SECONDS)).isEqualTo("bye");

        assertThat(onLoop.call(() -> pool.idle(endpoint))).isZero();
        await().atMost(Duration.ofSeconds(5)).until(() -> onLoop.call(() -> pool.open(endpoint)) == 0);
        BackendConnections.Connection next = acquire(pool, 1000).get(5, TimeUnit.SECONDS);
        assertThat(next).isNotSameAs(connection);
    }

    @Test
    void shouldDropAnIdleConnectionTheBackendClosed() throws Exception {
        BackendConnections pool = pool(4, 60);
        BackendConnections.Connection connection = acquire(pool, 1000).get(5, TimeUnit.SECONDS);
        exchange(pool, connection, "/").get(5, TimeUnit.SECONDS);
        assertThat(onLoop.call(() -> pool.idle(endpoint))).isEqualTo(1);

        synchronized (serverConnections) {
            serverConnections.forEach(HttpConnection::close);
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> onLoop.call(() -> pool.open(endpoint)) == 0);
        assertThat(onLoop.call(() -> pool.idle(endpoint))).isZero();
        BackendConnections.Connection next = acquire(pool, 1000).get(5, TimeUnit.SECONDS);
        assertThat(exchange(pool, next, "/").get(5, TimeUnit.SECONDS)).isEqualTo("ok");
        assertThat(accepted.get()).isEqualTo(2);
    }

    @Test
    void shouldCloseIdleConnectionsPastTheirKeepAlive() throws Exception {
        BackendConnections pool = pool(4, 1);
        BackendConnections.Connection connection = acquire(pool, 1000).get(5, TimeUnit.SECONDS);
        exchange(pool, connection, "/").get(5, TimeUnit.SECONDS);

        // 1 s keep-alive, swept every second
        await().atMost(Duration.ofSeconds(5)).until(() -> closed.get() == 1);
        assertThat(onLoop.call(() -> pool.open(endpoint))).isZero();
    }

    @Test
    void shouldNotReuseAConnectionWhoseExchangeWasCutShort() throws Exception {
        BackendConnections pool = pool(4, 60);
        BackendConnections.Connection connection = acquire(pool, 1000).get(5, TimeUnit.SECONDS);

        onLoop.run(() -> {
            pool.release(connection, false);
        });

        await().atMost(Duration.ofSeconds(5)).until(() -> closed.get() == 1);
        assertThat(acquire(pool, 1000).get(5, TimeUnit.SECONDS)).isNotSameAs(connection);
    }

    private CompletableFuture<BackendConnections.Connection> acquire(BackendConnections pool, long timeoutMillis) {
        CompletableFuture<BackendConnections.Connection> result = new CompletableFuture<>();
        loop.runOnContext(v -> pool.acquire(endpoint, timeoutMillis, new BackendConnections.Waiter() {
            @Override
            public void acquired(BackendConnections.Connection connection) {
                result.complete(connection);
            }

            @Override
            public void acquireFailed(Throwable cause) {
                result.completeExceptionally(cause);
            }
        }));
        return result;
    }

    /** A GET on {@code connection}; the connection goes back to the pool once the response has ended. */
    private CompletableFuture<String> exchange(BackendConnections pool, BackendConnections.Connection connection,
            String uri) {
        CompletableFuture<String> body = new CompletableFuture<>();
        loop.runOnContext(v -> connection.http.createRequest(loop)
                .compose(request -> request.setMethod(HttpMethod.GET).setURI(uri).authority(connection.authority())
                        .send())
                .compose(response -> response.body())
                .onComplete(done -> {
                    pool.release(connection, done.succeeded());
                    if (done.succeeded()) {
                        body.complete(done.result().toString());
                    } else {
                        body.completeExceptionally(done.cause());
                    }
                }));
        return body;
    }

    private static Throwable catchCause(CompletableFuture<?> future) throws Exception {
        try {
            future.get(5, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }
}
