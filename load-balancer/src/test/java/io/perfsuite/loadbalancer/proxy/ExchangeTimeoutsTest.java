package io.perfsuite.loadbalancer.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.netty.util.concurrent.AbstractScheduledEventExecutor;
import io.netty.util.concurrent.EventExecutor;
import io.perfsuite.loadbalancer.testing.ProxyBackendsResource;
import io.perfsuite.loadbalancer.testing.RawHttp;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;

/**
 * The request and idle timeouts, and what they cost once an exchange is over. Vert.x's per-request idle timeout is
 * not cancelled when a response ends: set after the head, it held every finished request (headers, stream, buffers)
 * for {@code timeouts.idle}, 60 s by default, so at 20k req/s the heap filled with a million dead requests and the
 * collector stalled every connection for 1-2 s at a time.
 */
@QuarkusTest
@WithTestResource(ProxyBackendsResource.class)
class ExchangeTimeoutsTest {

    private static final int REQUESTS = 400;

    @Inject
    ProxyServer proxy;

    @Inject
    Vertx vertx;

    @Test
    void shouldLeaveNoTimerBehindOnceAnExchangeIsOver() throws Exception {
        int before = scheduledTasks();
        HttpClient client = HttpClient.newHttpClient();
        ExecutorService workers = Executors.newFixedThreadPool(8);
        AtomicInteger ok = new AtomicInteger();
        try {
            List<CompletableFuture<Void>> runs = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                runs.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < REQUESTS / 8; i++) {
                        try {
                            HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                                    URI.create("http://127.0.0.1:" + proxy.port() + "/echo/" + i)).build(),
                                    HttpResponse.BodyHandlers.ofString());
                            if (response.statusCode() == 200) {
                                ok.incrementAndGet();
                            }
                        } catch (Exception e) {
                            // counted as not ok
                        }
                    }
                }, workers));
            }
            CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } finally {
            workers.shutdownNow();
        }

        assertThat(ok.get()).isEqualTo(REQUESTS);
        // health checks and periodic sweeps come and go; one timer per finished request (the old leak) would be 400
        assertThat(scheduledTasks()).isLessThan(before + 40);
    }

    @Test
    void shouldCutTheClientOffWhenTheBackendFallsSilentMidResponse() {
        // the idle pool allows 300 ms between chunks; this backend waits 1.5 s after the first
        try (RawHttp http = new RawHttp(proxy.port())) {
            String received = http.send("GET /stream?chunks=3&gap=1500 HTTP/1.1\r\nHost: lb\r\nX-Idle-Test: 1\r\n\r\n")
                    .readUntil("chunk-3");

            assertThat(received).startsWith("HTTP/1.1 200").contains("chunk-1").doesNotContain("chunk-2");
            // closed, not ended: a truncated body must not look complete
            assertThat(received).doesNotContain("\r\n0\r\n\r\n");
        }
    }

    @Test
    void shouldKeepStreamingWhileChunksArriveWithinTheIdleTimeout() {
        // 8 chunks 150 ms apart: 1 s in all, more than three idle timeouts, never 300 ms without a chunk
        try (RawHttp http = new RawHttp(proxy.port())) {
            String received = http.send("GET /stream?chunks=8&gap=150 HTTP/1.1\r\nHost: lb\r\nX-Idle-Test: 1\r\n\r\n")
                    .readUntil("\r\n0\r\n\r\n");

            assertThat(received).startsWith("HTTP/1.1 200").contains("chunk-1", "chunk-8").endsWith("\r\n0\r\n\r\n");
        }
    }

    /** Tasks waiting in the schedules of every Vert.x event loop (the proxy's among them). */
    private int scheduledTasks() throws Exception {
        Field queue = AbstractScheduledEventExecutor.class.getDeclaredField("scheduledTaskQueue");
        queue.setAccessible(true);
        int total = 0;
        for (EventExecutor executor : vertx.nettyEventLoopGroup()) {
            // the queue belongs to its loop: read it there
            total += executor.submit(() -> {
                Object tasks = queue.get(executor);
                return tasks == null ? 0 : ((Collection<?>) tasks).size();
            }).get(5, TimeUnit.SECONDS);
        }
        return total;
    }
}
