package io.perfsuite.loadbalancer.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.perfsuite.loadbalancer.testing.ProxyBackendsResource;
import io.perfsuite.loadbalancer.testing.TestBackends;
import io.perfsuite.testsupport.TestServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;

@QuarkusTest
@WithTestResource(ProxyBackendsResource.class)
class ProxyStreamingTest {

    /** Far above the test JVM's heap (surefire -Xmx384m): a proxy that buffered the upload would run out of it. */
    private static final long UPLOAD_BYTES = 1024L * 1024 * 1024;

    @Inject
    ProxyServer proxy;

    @Inject
    Vertx vertx;

    @TestServer
    TestBackends backends;

    @Test
    void shouldStreamAnUploadLargerThanTheHeapToTheBackend() throws Exception {
        long before = backends.get("echo-1").uploadedBytes.get() + backends.get("echo-2").uploadedBytes.get();
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + proxy.port() + "/upload"))
                .POST(HttpRequest.BodyPublishers.fromPublisher(new Zeros(UPLOAD_BYTES), UPLOAD_BYTES)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"bodyBytes\":" + UPLOAD_BYTES);
        long after = backends.get("echo-1").uploadedBytes.get() + backends.get("echo-2").uploadedBytes.get();
        assertThat(after - before).isEqualTo(UPLOAD_BYTES);
        assertThat(Runtime.getRuntime().maxMemory()).isLessThan(UPLOAD_BYTES / 2);
    }

    @Test
    void shouldDeliverASlowlyProducedResponseChunkByChunk() throws Exception {
        // five chunks 400 ms apart: the first must arrive long before the backend has finished
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + proxy.port() + "/stream?chunks=5&gap=400")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            byte[] first = new byte[8];
            int read = body.readNBytes(first, 0, 8);
            long firstAt = System.nanoTime();
            String rest = new String(body.readAllBytes());
            long endAt = System.nanoTime();

            assertThat(new String(first, 0, read)).isEqualTo("chunk-1\n");
            assertThat(rest).endsWith("chunk-5\n");
            // four gaps of 400 ms separate the first chunk from the end
            assertThat(TimeUnit.NANOSECONDS.toMillis(endAt - firstAt)).isGreaterThan(1000);
        }
    }

    @Test
    void shouldPassAWebSocketThroughBothWays() throws Exception {
        io.vertx.core.http.HttpClient client = vertx.createHttpClient();
        try {
            WebSocket ws = client.webSocket(proxy.port(), "127.0.0.1", "/ws").toCompletionStage()
                    .toCompletableFuture().get(10, TimeUnit.SECONDS);
            CompletableFuture<List<String>> echoed = new CompletableFuture<>();
            List<String> frames = new ArrayList<>();
            ws.textMessageHandler(text -> {
                frames.add(text);
                if (frames.size() == 2) {
                    echoed.complete(frames);
                }
            });
            ws.writeTextMessage("hello");
            ws.writeTextMessage("again");

            assertThat(echoed.get(10, TimeUnit.SECONDS)).containsExactly("hello", "again");
            ws.close();
        } finally {
            client.close();
        }
    }

    @Test
    void shouldServeHttp2ClientsWithPriorKnowledgeOnTheH2cPort() throws Exception {
        io.vertx.core.http.HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                .setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false));
        try {
            String body = client.request(new RequestOptions().setMethod(HttpMethod.GET).setPort(proxy.h2cPort())
                    .setHost("127.0.0.1").setURI("/echo/h2").setHeaders(MultiMap.caseInsensitiveMultiMap()))
                    .compose(request -> request.send())
                    .compose(response -> {
                        assertThat(response.version()).isEqualTo(HttpVersion.HTTP_2);
                        return response.body();
                    })
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).toString();

            assertThat(body).contains("\"uri\":\"/echo/h2\"").contains("\"host\":[\"127.0.0.1:" + proxy.h2cPort());
        } finally {
            client.close();
        }
    }

    /** A body of zeros produced on demand, so the test itself holds no more than one chunk. */
    private static final class Zeros implements Flow.Publisher<ByteBuffer> {
        private final long total;

        Zeros(long total) {
            this.total = total;
        }

        @Override
        public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
            byte[] chunk = new byte[64 * 1024];
            AtomicLong sent = new AtomicLong();
            subscriber.onSubscribe(new Flow.Subscription() {
                private boolean done;

                @Override
                public synchronized void request(long n) {
                    for (long i = 0; i < n && !done; i++) {
                        long left = total - sent.get();
                        if (left <= 0) {
                            done = true;
                            subscriber.onComplete();
                            return;
                        }
                        int size = (int) Math.min(chunk.length, left);
                        sent.addAndGet(size);
                        subscriber.onNext(ByteBuffer.wrap(chunk, 0, size));
                    }
                }

                @Override
                public void cancel() {
                    done = true;
                }
            });
        }
    }

    static Duration bound() {
        return Duration.ofSeconds(30);
    }
}
