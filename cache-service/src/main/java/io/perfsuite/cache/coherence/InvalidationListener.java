package io.perfsuite.cache.coherence;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.Logger;

import io.perfsuite.cache.invalidation.ResubscribeBackoff;
import io.perfsuite.cache.invalidation.StreamKeepalive;
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
 * stream is dead, what a push drops, when to resubscribe) are in {@code invalidation}; this class does the I/O.
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
    private final AtomicInteger connected = new AtomicInteger();
    private final List<RedisConnection> connections = new CopyOnWriteArrayList<>();
    /** The nodes being tracked; a change of topology starts a new generation and retires the old connections. */
    private volatile List<String> nodeUris = List.of();
    private final AtomicInteger generation = new AtomicInteger();
    private final List<Runnable> coherentListeners = new CopyOnWriteArrayList<>();
    private volatile boolean stopped;
    private volatile boolean everCoherent;
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
        List<String> tracked = nodeUris;
        return Subscriptions.coherent(tracked.size(), connected.get());
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
        return everCoherent;
    }

    /** The nodes whose invalidations this replica follows. */
    public List<String> trackedNodes() {
        return nodeUris;
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
            if (!stopped && Subscriptions.mustResubscribe(nodeUris, current)) {
                LOG.infof("Redis masters changed from %s to %s; re-subscribing", Redaction.redact(nodeUris.toString()),
                        Redaction.redact(current.toString()));
                track(current);
            }
        });
    }

    private synchronized void track(List<String> uris) {
        int gen = generation.incrementAndGet();
        connections.forEach(RedisConnection::close);
        connections.clear();
        connected.set(0);
        nodeUris = List.copyOf(uris);
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
        if (stopped || gen != generation.get()) {
            return;
        }
        RedisOptions options = new RedisOptions().setConnectionString(uri)
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
                    if (gen != generation.get()) {
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
                            if (gen != generation.get()) {
                                client.close();
                                return; // retired by a topology change
                            }
                            // from now on L1 answers only if Redis is unreachable (see TieredCache); it is
                            // flushed when the stream is back, before anything is filled again
                            connected.decrementAndGet();
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
                    if (connected.incrementAndGet() == nodeUris.size() && gen == generation.get()) {
                        everCoherent = true;
                        coherentListeners.forEach(Runnable::run);
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
            keys.parse(key.toString()).ifPresent(parsed -> {
                if (parsed instanceof RedisKeys.Value value) {
                    local.invalidate(value.namespace(), value.key());
                } else if (parsed instanceof RedisKeys.Tag tag) {
                    // entries with the tag stay in L1 but fail the version check on their next read. The epoch
                    // moves first: it stops an in-flight read from caching the old version again, and a reader
                    // that remembers versions checks it after remembering (see TieredCache)
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
