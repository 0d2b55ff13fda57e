package io.perfsuite.cache.coherence;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jboss.logging.Logger;

import io.perfsuite.cache.invalidation.Invalidation;
import io.perfsuite.cache.invalidation.ResubscribeBackoff;
import io.perfsuite.cache.invalidation.StreamKeepalive;
import io.perfsuite.cache.invalidation.StreamSet;
import io.perfsuite.cache.invalidation.Subscriptions;
import io.perfsuite.cache.redaction.Redaction;
import io.perfsuite.cache.tier.LocalTier;
import io.perfsuite.cache.tier.RedisKeys;
import io.perfsuite.cache.tier.RedisNodes;
import io.perfsuite.cache.tier.TagVersionCache;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.ProtocolVersion;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;

/**
 * Keeps this replica's L1 coherent with Redis through server-assisted invalidation: one RESP3 connection per Redis
 * node with {@code CLIENT TRACKING ON BCAST PREFIX <namespace prefixes>}, so Redis pushes the name of every key any
 * client changes. L1 is only trusted alone while every connection is up; when one drops, L1 is flushed as soon as the
 * connection is back (it may have missed invalidations), before anything is filled again. The decisions (when a
 * stream is dead, what a push drops, when L1 is coherent, when to resubscribe) are in {@code invalidation}
 * ({@link StreamKeepalive}, {@link Invalidation}, {@link StreamSet}, {@link Subscriptions}); this class only sequences
 * the Redis calls.
 */
public class InvalidationListener {

    private static final Logger LOG = Logger.getLogger(InvalidationListener.class);
    private static final long FIRST_BACKOFF_MS = ResubscribeBackoff.FIRST.toMillis();

    private static final long TOPOLOGY_CHECK_MS = 30_000;

    private final Vertx vertx;
    private final RedisNodes nodes;
    private final List<String> prefixes;
    private final RedisKeys keys;
    private final LocalTier local;
    private final TagVersionCache tags;
    /** The streams of the nodes tracked; a change of topology starts a new generation and retires the old ones. */
    private final StreamSet streams = new StreamSet();
    private final List<RedisConnection> connections = new CopyOnWriteArrayList<>();
    private final List<Runnable> coherentListeners = new CopyOnWriteArrayList<>();
    private volatile boolean stopped;
    private final Duration keepaliveInterval;
    private final Duration keepaliveTimeout;
    /** Standalone Redis: the tracking connection, which also carries this replica's writes (see NOLOOP). */
    private volatile RedisConnection ownWrites;

    public InvalidationListener(Vertx vertx, RedisNodes nodes, List<String> prefixes, RedisKeys keys, LocalTier local,
            TagVersionCache tags, Duration keepaliveInterval, Duration keepaliveTimeout) {
        this.keepaliveInterval = keepaliveInterval;
        this.keepaliveTimeout = keepaliveTimeout;
        this.vertx = vertx;
        this.nodes = nodes;
        this.prefixes = List.copyOf(prefixes);
        this.keys = keys;
        this.local = local;
        this.tags = tags;
    }

    public void start() {
        resolveAndTrack(FIRST_BACKOFF_MS);
        if (nodes.cluster()) {
            vertx.setPeriodic(TOPOLOGY_CHECK_MS, id -> checkTopology());
        }
    }

    /** True while every node's invalidation stream is up, so L1 may be served. */
    public boolean coherent() {
        return streams.coherent();
    }

    /**
     * The connection to send this replica's writes on, or null. On a single Redis the tracking connection is opened
     * with NOLOOP, so writes sent on it do not come back as invalidations of the L1 copies they just stored. On Redis
     * Cluster writes go to the owning master through the pool, and their invalidations do come back.
     */
    public RedisConnection ownWrites() {
        return ownWrites;
    }

    /** Whether L1 has been trusted at least once since start, so it may hold values to serve through an outage. */
    public boolean everCoherent() {
        return streams.everCoherent();
    }

    /** The nodes whose invalidations this replica follows. */
    public List<String> trackedNodes() {
        return streams.nodes();
    }

    private void resolveAndTrack(long backoffMs) {
        if (stopped) {
            return;
        }
        nodes.resolve()
                .onSuccess(this::track)
                .onFailure(e -> {
                    LOG.warnf("cannot list the Redis nodes to track (%s); retrying in %d ms", Redaction.redact(e.getMessage()),
                            backoffMs);
                    vertx.setTimer(backoffMs, id -> resolveAndTrack(nextBackoff(backoffMs)));
                });
    }

    private void checkTopology() {
        nodes.resolve().onSuccess(current -> {
            if (!stopped && Subscriptions.mustResubscribe(streams.nodes(), current)) {
                LOG.infof("Redis masters changed from %s to %s; re-subscribing", Redaction.redact(streams.nodes().toString()),
                        Redaction.redact(current.toString()));
                track(current);
            }
        });
    }

    private synchronized void track(List<String> uris) {
        int gen = streams.track(uris);
        connections.forEach(RedisConnection::close);
        connections.clear();
        uris.forEach(uri -> connect(uri, FIRST_BACKOFF_MS, gen));
    }

    /** Runs {@code listener} each time L1 becomes trustworthy again: at start and after every flush on reconnect. */
    public void onCoherent(Runnable listener) {
        coherentListeners.add(listener);
    }

    public void stop() {
        stopped = true;
        ownWrites = null;
        connections.forEach(RedisConnection::close);
    }

    private void connect(String uri, long backoffMs, int gen) {
        if (stopped || !streams.current(gen)) {
            return;
        }
        RedisOptions options = nodes.options(uri)
                .setPreferredProtocolVersion(ProtocolVersion.RESP3);
        Redis client = Redis.createClient(vertx, options);
        StreamKeepalive keepalive = new StreamKeepalive(keepaliveInterval, keepaliveTimeout, System.nanoTime());
        client.connect()
                .compose(conn -> {
                    Request tracking = Request.cmd(Command.CLIENT).arg("TRACKING").arg("ON").arg("BCAST");
                    prefixes.forEach(p -> tracking.arg("PREFIX").arg(p));
                    if (!nodes.cluster()) {
                        tracking.arg("NOLOOP");
                    }
                    conn.handler(push -> {
                        keepalive.heard(System.nanoTime());
                        onPush(push);
                    });
                    return conn.send(tracking).map(ok -> conn);
                })
                .onSuccess(conn -> {
                    if (!streams.current(gen)) {
                        conn.close();
                        client.close();
                        return;
                    }
                    connections.add(conn);
                    if (!nodes.cluster()) {
                        ownWrites = conn;
                    }
                    boolean[] lost = {false};
                    long[] keepaliveTimer = {-1};
                    Runnable onLost = () -> {
                        if (!lost[0]) {
                            lost[0] = true;
                            vertx.cancelTimer(keepaliveTimer[0]);
                            connections.remove(conn);
                            if (ownWrites == conn) {
                                ownWrites = null;
                            }
                            if (streams.down(gen) == StreamSet.Down.RETIRED) {
                                client.close();
                                return; // retired by a topology change
                            }
                            // from now on L1 answers only if Redis is unreachable (see TieredCache); it is
                            // flushed when the stream is back, before anything is filled again
                            LOG.warnf("invalidation stream from %s dropped; L1 is no longer trusted alone",
                                    Redaction.redact(uri));
                            client.close();
                            connect(uri, FIRST_BACKOFF_MS, gen);
                        }
                    };
                    conn.exceptionHandler(e -> onLost.run());
                    conn.endHandler(v -> onLost.run());
                    keepaliveTimer[0] = vertx.setPeriodic(
                            StreamKeepalive.tickPeriod(keepaliveInterval, keepaliveTimeout).toMillis(),
                            id -> keepAlive(conn, keepalive, uri, onLost));
                    // entries cached while this stream was down may have missed invalidations
                    flush("invalidation stream from " + Redaction.redact(uri) + " (re)connected");
                    switch (streams.up(gen)) {
                        case NOW_COHERENT -> coherentListeners.forEach(Runnable::run);
                        case RETIRE -> conn.close(); // the masters changed meanwhile; its loss handler retires it
                        case UP -> {
                        }
                    }
                })
                .onFailure(e -> {
                    client.close();
                    long next = nextBackoff(backoffMs);
                    LOG.debugf("invalidation stream to %s not up (%s); retrying in %d ms", Redaction.redact(uri),
                            Redaction.redact(e.getMessage()), next);
                    if (!stopped) {
                        vertx.setTimer(backoffMs, id -> connect(uri, next, gen));
                    }
                });
    }

    /** PINGs a silent stream; one that does not answer in time is dropped and resubscribed (which flushes L1). */
    private void keepAlive(RedisConnection conn, StreamKeepalive keepalive, String uri, Runnable onLost) {
        switch (keepalive.tick(System.nanoTime())) {
            case PING -> conn.send(Request.cmd(Command.PING)).onSuccess(pong -> keepalive.heard(System.nanoTime()));
            case DEAD -> {
                LOG.warnf("invalidation stream from %s did not answer a PING within %s; resubscribing",
                        Redaction.redact(uri), keepaliveTimeout);
                onLost.run();
                conn.close();
            }
            case NONE -> {
            }
        }
    }

    private static long nextBackoff(long backoffMs) {
        return ResubscribeBackoff.next(Duration.ofMillis(backoffMs)).toMillis();
    }

    private void onPush(Response push) {
        Subscriptions.Push kind = Subscriptions.classify(push.type() == ResponseType.PUSH, push.size(),
                push.size() < 2 ? null : String.valueOf(push.get(0)), push.size() < 2 || push.get(1) == null);
        if (kind == Subscriptions.Push.IGNORE) {
            return;
        }
        if (kind == Subscriptions.Push.FLUSH_ALL) {
            flush("Redis was flushed");
            return;
        }
        Response changed = push.get(1);
        for (Response key : changed) {
            Invalidation.forKey(keys.prefix(), key.toString()).ifPresent(invalidation -> {
                if (invalidation instanceof Invalidation.DropValue value) {
                    local.invalidate(value.namespace(), value.key());
                } else if (invalidation instanceof Invalidation.ForgetTag tag) {
                    // the epoch first; a reader that remembers versions checks it after remembering (see TieredCache)
                    local.bumpEpoch(tag.namespace());
                    tags.forget(tag.namespace(), tag.tag());
                }
            });
        }
    }

    private void flush(String why) {
        LOG.infof("flushing L1: %s", why);
        local.flush();
        tags.forgetAll();
    }
}
