package io.perfsuite.cache.tier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.perfsuite.testsupport.RedisServer;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/** The read path's kept connections, against a real Redis. */
class ReadConnectionsTest {

    private static final Duration TIMEOUT = Duration.ofMillis(300);

    private RedisServer redis;
    private Vertx vertx;
    private CountingRedis shared;
    private ReadConnections reads;
    private Context loop;

    @BeforeEach
    void start() {
        redis = RedisServer.launch();
        redis.call("SET", "k", "stored");
        vertx = Vertx.vertx();
        shared = new CountingRedis(Redis.createClient(vertx, redis.uri()));
        reads = new ReadConnections(shared, vertx, new RedisOptions().setConnectionString(redis.uri()), TIMEOUT);
        loop = vertx.getOrCreateContext();
    }

    @AfterEach
    void stop() {
        reads.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
        redis.close();
    }

    @Test
    void shouldSendUntracedReadsOnTheLoopsKeptConnectionOnceItIsUp() {
        int first = shared.sent.get();
        // the first read takes the shared client and opens the kept connection
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .untilAsserted(() -> assertThat(get(false).join()).isEqualTo("stored"));
        assertThat(shared.sent.get()).isGreaterThan(first);
        awaitKeptConnection();

        int before = shared.sent.get();
        List<CompletableFuture<String>> many = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            many.add(get(false));
        }
        assertThat(many).allSatisfy(read -> assertThat(read.join()).isEqualTo("stored"));
        assertThat(shared.sent.get()).as("reads through the shared client").isEqualTo(before);
    }

    @Test
    void shouldSendTracedReadsThroughTheSharedClientSoTheyAreTraced() {
        awaitKeptConnection();
        int before = shared.sent.get();

        assertThat(get(true).join()).isEqualTo("stored");

        assertThat(shared.sent.get()).isEqualTo(before + 1);
    }

    @Test
    void shouldFailAReadRedisDoesNotAnswerInTimeAndReadOnAFreshConnectionAfterwards() {
        awaitKeptConnection();
        redis.call("CLIENT", "PAUSE", "1500", "ALL");
        long started = System.nanoTime();

        assertThat(get(false)).failsWithin(Duration.ofSeconds(2)).withThrowableThat()
                .havingCause().isInstanceOf(RedisUnavailableException.class)
                .withMessageContaining("did not answer in");
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertThat(tookMillis).as("failed after the timeout, before the pause ends")
                .isBetween(TIMEOUT.toMillis(), 1500L);

        // once Redis answers again (the pause ends), so do reads: the connection that missed its deadline was closed
        // and the loop keeps a new one
        awaitKeptConnection();
        assertThat(get(false).join()).isEqualTo("stored");
    }

    @Test
    void shouldFailReadsInFlightAtOnceWhenTheKeptConnectionIsLost() {
        reads.close();
        reads = new ReadConnections(shared, vertx, new RedisOptions().setConnectionString(redis.uri()), Duration.ofSeconds(20));
        awaitKeptConnection();
        redis.call("CLIENT", "PAUSE", "10000", "ALL");
        CompletableFuture<String> stuck = get(false);

        redis.stop();

        // failed by the lost connection, not left waiting for its 20 s deadline
        assertThat(stuck).failsWithin(Duration.ofSeconds(5)).withThrowableThat()
                .havingCause().isInstanceOf(RedisUnavailableException.class);
        redis.start();
        redis.call("SET", "k", "again");
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .untilAsserted(() -> assertThat(get(false).join()).isEqualTo("again"));
        awaitKeptConnection();
    }

    @Test
    void shouldKeepAuthenticatedConnectionsWhenThePasswordComesFromConfigurationNotTheUri() {
        // the chart's way: quarkus.redis.hosts without credentials, quarkus.redis.password from a Secret
        reads.close();
        shared.close();
        String password = "from-a-secret";
        redis.call("CONFIG", "SET", "requirepass", password);
        RedisNodes nodes = new RedisNodes(vertx, List.of(redis.uri()), false, password);
        shared = new CountingRedis(Redis.createClient(vertx, nodes.options(redis.uri())));
        reads = new ReadConnections(shared, vertx, nodes.options(redis.uri()), TIMEOUT);

        // with the URI alone every kept connection is refused (NOAUTH) and reads stay on the shared client
        awaitKeptConnection();
        assertThat(get(false).join()).isEqualTo("stored");
    }

    private void awaitKeptConnection() {
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
            int before = shared.sent.get();
            get(false).join();
            return shared.sent.get() == before;
        });
    }

    /** A GET of "k" sent from the test's event-loop context, as the read route sends it. */
    private CompletableFuture<String> get(boolean traced) {
        CompletableFuture<String> answer = new CompletableFuture<>();
        loop.runOnContext(v -> {
            ReadConnections.Call call = new ReadConnections.Call() {
                @Override
                void answered(Response response) {
                    answer.complete(response == null ? null : response.toString());
                }

                @Override
                void failed(RedisUnavailableException failure) {
                    answer.completeExceptionally(failure);
                }
            };
            if (!reads.send(Request.cmd(Command.GET).arg("k"), call, traced)) {
                answer.completeExceptionally(new AssertionError("not sent from an event loop"));
            }
        });
        return answer;
    }

    /** Quarkus' client in the service; here a real client that counts what is sent through it. */
    private static final class CountingRedis implements Redis {
        final AtomicInteger sent = new AtomicInteger();
        private final Redis delegate;

        CountingRedis(Redis delegate) {
            this.delegate = delegate;
        }

        @Override
        public Future<RedisConnection> connect() {
            return delegate.connect();
        }

        @Override
        public void close() {
            delegate.close();
        }

        @Override
        public Future<Response> send(Request command) {
            sent.incrementAndGet();
            return delegate.send(command);
        }

        @Override
        public Future<List<Response>> batch(List<Request> commands) {
            return delegate.batch(commands);
        }
    }
}
