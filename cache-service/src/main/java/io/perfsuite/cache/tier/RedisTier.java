package io.perfsuite.cache.tier;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

import io.netty.buffer.ByteBuf;
import io.opentelemetry.api.trace.Span;
import io.perfsuite.cache.entry.CacheEntry;
import io.perfsuite.cache.entry.CorruptEntryException;
import io.perfsuite.cache.entry.EntryCodec;
import io.perfsuite.cache.redaction.Redaction;
import io.perfsuite.cache.resilience.CircuitBreaker;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.impl.BufferImpl;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * The Redis tier. Every call goes through the circuit breaker: while Redis is down the cache answers from L1 and the
 * origin at once instead of waiting for a timeout on every request.
 */
public class RedisTier {

    private static final Logger LOG = Logger.getLogger(RedisTier.class);

    private final Redis redis;
    private final RedisKeys keys;
    private final CircuitBreaker breaker;
    private final Duration timeout;
    private final RedisNodes nodes;
    private final Vertx vertx;
    private final io.vertx.redis.client.Redis rawRedis;
    private final io.vertx.core.Vertx rawVertx;
    private final Supplier<io.vertx.redis.client.RedisConnection> ownWrites;
    private final ReadConnections reads;

    /**
     * @param ownWrites the connection to send writes on when there is one (see InvalidationListener), else null
     * @param standaloneUri the single Redis (client type standalone) whose connections reads may keep, else null
     */
    public RedisTier(Redis redis, RedisKeys keys, CircuitBreaker breaker, Duration timeout, RedisNodes nodes, Vertx vertx,
            Supplier<io.vertx.redis.client.RedisConnection> ownWrites, String standaloneUri) {
        this.redis = redis;
        this.ownWrites = ownWrites;
        this.rawRedis = redis.getDelegate();
        this.rawVertx = vertx.getDelegate();
        this.nodes = nodes;
        this.vertx = vertx;
        this.keys = keys;
        this.breaker = breaker;
        this.timeout = timeout;
        this.reads = new ReadConnections(rawRedis, rawVertx, standaloneUri == null ? null : nodes.options(standaloneUri),
                timeout);
    }

    /** Closes the connections the read path keeps. */
    public void close() {
        reads.close();
    }

    public boolean available() {
        return breaker.state() == CircuitBreaker.State.CLOSED;
    }

    /** How long until Redis is tried again (zero while it is available). */
    public Duration retryAfter() {
        return breaker.retryAfter();
    }

    public Uni<Optional<CacheEntry>> get(String namespace, String key, EntryCodec codec) {
        return Uni.createFrom().completionStage(() -> read(namespace, key, codec).toCompletionStage());
    }

    /**
     * The read path on plain Vert.x futures: reads run at a rate where each reactive operator (with its context
     * capture) and each timer on a shared scheduler cost more than the Redis round trip's own work. On an event loop
     * the GET goes through {@link ReadConnections} (a kept connection, one deadline sweep) and completes one promise.
     */
    public Future<Optional<CacheEntry>> read(String namespace, String key, EntryCodec codec) {
        if (!breaker.allowRequest()) {
            return Future.failedFuture(new RedisUnavailableException("Redis circuit is open", null));
        }
        String redisKey = keys.value(namespace, key);
        io.vertx.redis.client.Request get = io.vertx.redis.client.Request.cmd(io.vertx.redis.client.Command.GET)
                .arg(redisKey);
        EntryRead read = new EntryRead(redisKey, codec);
        if (reads.send(get, read, Span.current().isRecording())) {
            return read.answer.future();
        }
        return guardedFuture(get).map(response -> decoded(response, redisKey, codec));
    }

    /** A GET of one entry: decodes the answer and tells the breaker how Redis did. */
    private final class EntryRead extends ReadConnections.Call {
        final Promise<Optional<CacheEntry>> answer = Promise.promise();
        private final String redisKey;
        private final EntryCodec codec;

        EntryRead(String redisKey, EntryCodec codec) {
            this.redisKey = redisKey;
            this.codec = codec;
        }

        @Override
        void answered(io.vertx.redis.client.Response response) {
            breaker.onSuccess();
            answer.complete(decoded(response, redisKey, codec));
        }

        @Override
        void failed(RedisUnavailableException failure) {
            breaker.onFailure();
            LOG.debugf("Redis call failed (%s): %s", breaker.state(), Redaction.redact(failure.getMessage()));
            answer.fail(failure);
        }
    }

    private Optional<CacheEntry> decoded(io.vertx.redis.client.Response response, String redisKey, EntryCodec codec) {
        if (response == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(decode(response, codec));
        } catch (CorruptEntryException e) {
            LOG.warnf("dropping unreadable entry %s: %s", redisKey, e.getMessage());
            rawRedis.send(io.vertx.redis.client.Request.cmd(io.vertx.redis.client.Command.DEL).arg(redisKey));
            return Optional.empty();
        }
    }

    /** Decodes in the reply's own array when it has one, instead of copying the reply out first. */
    private static CacheEntry decode(io.vertx.redis.client.Response response, EntryCodec codec) {
        if (response.toBuffer() instanceof BufferImpl buffer && buffer.byteBuf().hasArray()) {
            ByteBuf bytes = buffer.byteBuf();
            return codec.decode(bytes.array(), bytes.arrayOffset() + bytes.readerIndex(), bytes.readableBytes());
        }
        return codec.decode(response.toBytes());
    }

    public Uni<Void> set(String namespace, String key, CacheEntry entry, EntryCodec codec) {
        Request set = Request.cmd(Command.SET).arg(keys.value(namespace, key)).arg(codec.encode(entry))
                .arg("PXAT").arg(entry.retainUntil().toEpochMilli());
        return guarded(() -> write(set)).replaceWithVoid();
    }

    public Uni<Void> delete(String namespace, String key) {
        return guarded(() -> write(Request.cmd(Command.DEL).arg(keys.value(namespace, key)))).replaceWithVoid();
    }

    /** Current versions of {@code tags}; a tag never invalidated is version 0. */
    public Uni<Map<String, Long>> tagVersions(String namespace, Collection<String> tags) {
        if (tags.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<String> ordered = List.copyOf(tags);
        Request mget = Request.cmd(Command.MGET);
        ordered.forEach(tag -> mget.arg(keys.tag(namespace, tag)));
        return guarded(() -> redis.send(mget)).map(response -> {
            Map<String, Long> versions = new HashMap<>();
            for (int i = 0; i < ordered.size(); i++) {
                Response v = response.get(i);
                versions.put(ordered.get(i), v == null ? 0L : v.toLong());
            }
            return versions;
        });
    }

    /** Moves every tag to a new version, which makes every entry stored with the old one invalid. */
    public Uni<Map<String, Long>> bumpTags(String namespace, Collection<String> tags) {
        List<Uni<Map.Entry<String, Long>>> bumps = new ArrayList<>();
        for (String tag : tags) {
            bumps.add(guarded(() -> write(Request.cmd(Command.INCR).arg(keys.tag(namespace, tag))))
                    .map(r -> Map.entry(tag, r.toLong())));
        }
        return Uni.join().all(bumps).andFailFast()
                .map(list -> {
                    Map<String, Long> versions = new HashMap<>();
                    list.forEach(e -> versions.put(e.getKey(), e.getValue()));
                    return versions;
                });
    }

    private Uni<Response> write(Request request) {
        io.vertx.redis.client.RedisConnection connection = ownWrites.get();
        if (connection == null) {
            return redis.send(request);
        }
        return Uni.createFrom().completionStage(() -> connection.send(request.getDelegate()).toCompletionStage())
                .map(response -> response == null ? null : Response.newInstance(response));
    }

    /** Any other command, behind the same breaker and timeout. */
    public Uni<Response> send(Request request) {
        return guarded(() -> redis.send(request));
    }

    /** Commands pipelined on one connection; every key must be in one hash slot on Redis Cluster. */
    public Uni<List<Response>> batch(List<Request> requests) {
        return guarded(() -> redis.batch(requests));
    }

    /**
     * Deletes every value key of the namespace that starts with {@code keyPrefix}; returns how many. SCAN sees one
     * node's keys only, so on Redis Cluster every master is scanned.
     */
    public Uni<Long> deletePrefix(String namespace, String keyPrefix) {
        String pattern = keys.valuePattern(namespace, keyPrefix);
        if (!nodes.cluster()) {
            return scanAndUnlink(redis, pattern, "0", 0L, true);
        }
        return guarded(() -> Uni.createFrom().completionStage(() -> nodes.resolve().toCompletionStage()))
                .chain(masters -> Multi.createFrom().iterable(masters)
                        .onItem().transformToUniAndConcatenate(uri -> {
                            Redis node = Redis.createClient(vertx, uri);
                            return scanAndUnlink(node, pattern, "0", 0L, false).eventually(node::close);
                        })
                        .collect().with(Collectors.summingLong(Long::longValue)));
    }

    /**
     * @param multiKey whether one UNLINK may name keys of different hash slots (not on a cluster node, where each key
     *        is unlinked on its own, pipelined)
     */
    private Uni<Long> scanAndUnlink(Redis client, String pattern, String cursor, long deleted, boolean multiKey) {
        Request scan = Request.cmd(Command.SCAN).arg(cursor).arg("MATCH").arg(pattern).arg("COUNT").arg(1000);
        return guarded(() -> client.send(scan)).chain(response -> {
            String next = response.get(0).toString();
            Response found = response.get(1);
            Uni<Long> unlinked = Uni.createFrom().item(0L);
            if (found.size() > 0 && multiKey) {
                Request unlink = Request.cmd(Command.UNLINK);
                for (Response k : found) {
                    unlink.arg(k.toString());
                }
                unlinked = guarded(() -> client.send(unlink)).map(Response::toLong);
            } else if (found.size() > 0) {
                List<Request> unlinks = new ArrayList<>();
                for (Response k : found) {
                    unlinks.add(Request.cmd(Command.UNLINK).arg(k.toString()));
                }
                unlinked = guarded(() -> client.batch(unlinks))
                        .map(results -> results.stream().mapToLong(Response::toLong).sum());
            }
            return unlinked.chain(n -> "0".equals(next)
                    ? Uni.createFrom().item(deleted + n)
                    : scanAndUnlink(client, pattern, next, deleted + n, multiKey));
        });
    }

    /** The read path off an event loop (a worker's call): the pool, with a timer of its own. */
    private Future<io.vertx.redis.client.Response> guardedFuture(io.vertx.redis.client.Request request) {
        Promise<io.vertx.redis.client.Response> answer = Promise.promise();
        long timer = rawVertx.setTimer(timeout.toMillis(), id -> answer.tryFail(
                new RedisUnavailableException("Redis did not answer in " + timeout, null)));
        rawRedis.send(request).onComplete(result -> {
            rawVertx.cancelTimer(timer);
            if (result.succeeded()) {
                answer.tryComplete(result.result());
            } else {
                answer.tryFail(
                        new RedisUnavailableException("Redis call failed: " + Redaction.redact(result.cause().getMessage()),
                                result.cause()));
            }
        });
        return answer.future().andThen(result -> {
            if (result.succeeded()) {
                breaker.onSuccess();
            } else {
                breaker.onFailure();
                LOG.debugf("Redis call failed (%s): %s", breaker.state(), Redaction.redact(result.cause().getMessage()));
            }
        });
    }

    private <T> Uni<T> guarded(Supplier<Uni<? extends T>> call) {
        if (!breaker.allowRequest()) {
            return Uni.createFrom().failure(new RedisUnavailableException("Redis circuit is open", null));
        }
        return Uni.createFrom().<T>deferred(call)
                .ifNoItem().after(timeout)
                .failWith(() -> new RedisUnavailableException("Redis did not answer in " + timeout, null))
                .onItemOrFailure().transformToUni((item, failure) -> {
                    if (failure == null) {
                        breaker.onSuccess();
                        return Uni.createFrom().item(item);
                    }
                    breaker.onFailure();
                    LOG.debugf("Redis call failed (%s): %s", breaker.state(), Redaction.redact(failure.getMessage()));
                    return Uni.createFrom().failure(failure instanceof RedisUnavailableException
                            ? failure
                            : new RedisUnavailableException("Redis call failed: " + Redaction.redact(failure.getMessage()),
                                    failure));
                });
    }
}
