package io.perfsuite.cache.tier;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;

import org.jboss.logging.Logger;

import io.netty.channel.EventLoop;
import io.perfsuite.cache.redaction.Redaction;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.impl.future.FutureInternal;
import io.vertx.core.impl.future.Listener;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.impl.PooledRedisConnection;
import io.vertx.redis.client.impl.RedisConnectionInternal;

/**
 * The read path's way to Redis: per event loop, one connection of a client of its own, kept for that loop's reads
 * with commands pipelined on it, and one deadline sweep instead of a timer per call.
 * <p>
 * Quarkus' pooled {@code Redis.send} acquires a connection, wraps it twice (Quarkus' metrics, the pool's lease), builds
 * a command reporter (tracing and metrics, formatting the server's address) and chains four futures for every GET: on
 * the L2 path that was more work than the round trip itself. Here an untraced GET goes straight to the loop's socket.
 * A traced one still takes Quarkus' client, so its client span is recorded as before; so does every read while the
 * loop's connection is (re)connecting, and every read on Redis Cluster, Sentinel or replication (their connections
 * route per key and are not one socket).
 * <p>
 * Every call completes once: with its answer, its connection's loss, or its deadline ({@code timeout} after it was
 * sent), checked by a periodic sweep of the loop's calls in send order. A call past its deadline on a kept
 * connection that has answered nothing since the call went out also closes that connection: after a silent partition
 * nothing else would tell, and the next read takes a fresh one.
 */
final class ReadConnections {

    private static final Logger LOG = Logger.getLogger(ReadConnections.class);

    /** A command in flight; the first of answer, loss and deadline completes it. Used on its loop's thread only. */
    abstract static class Call implements Listener<Response> {
        private long deadline;
        private boolean done;
        /** The kept connection it went on, and that connection's lane; null on Quarkus' client. */
        private RedisConnectionInternal via;
        private Lane lane;

        /** Redis answered (null for a nil reply). */
        abstract void answered(Response response);

        /** Redis could not be used: no answer in time, a lost connection, or an error reply. */
        abstract void failed(RedisUnavailableException failure);

        @Override
        public final void onSuccess(Response response) {
            if (lane != null) {
                lane.heard = System.nanoTime(); // even when too late: the connection is alive
            }
            if (!done) {
                done = true;
                answered(response);
            }
        }

        @Override
        public final void onFailure(Throwable failure) {
            if (!done) {
                done = true;
                failed(failure instanceof RedisUnavailableException r
                        ? r
                        : new RedisUnavailableException("Redis call failed: " + Redaction.redact(failure.getMessage()),
                                failure));
            }
        }
    }

    /** One event loop's kept connection and calls in flight. Touched only on that loop's thread. */
    private final class Lane {
        final EventLoop loop;
        final ContextInternal context;
        final ArrayDeque<Call> inFlight = new ArrayDeque<>();
        RedisConnectionInternal connection;
        boolean connecting;
        /** When the kept connection last answered anything. */
        long heard = System.nanoTime();
        /** No connect attempt before this (after a failed one). */
        long retryAt = System.nanoTime();
        /** Set when the client's connections are not single sockets: this lane always takes the pool. */
        boolean unsupported;

        Lane(ContextInternal context) {
            this.context = context;
            this.loop = context.nettyEventLoop();
            context.setPeriodic(sweepMillis, id -> sweep());
        }

        void connect() {
            connecting = true;
            // from the loop's own context, not the request's: the connection keeps the context it was made on
            context.runOnContext(v -> own().connect().onComplete(result -> onLane(() -> {
                connecting = false;
                if (result.failed()) {
                    retryAt = System.nanoTime() + RETRY_NANOS;
                    LOG.debugf("no read connection: %s", Redaction.redact(result.cause().getMessage()));
                    return; // until the retry, reads take Quarkus' client
                }
                if (!(result.result() instanceof PooledRedisConnection pooled)) {
                    unsupported = true;
                    result.result().close();
                    return;
                }
                connection = pooled.actual();
                RedisConnectionInternal mine = connection;
                pooled.exceptionHandler(e -> onLane(() -> lost(mine)));
                pooled.endHandler(end -> onLane(() -> lost(mine)));
            })));
        }

        boolean mayConnect() {
            return !unsupported && !connecting && System.nanoTime() - retryAt >= 0;
        }

        void lost(RedisConnectionInternal which) {
            if (connection != which) {
                return; // an older connection of this lane
            }
            connection = null;
            // its waiting calls fail now instead of at their deadline; the socket's close evicts it from the pool, so
            // the lease is not handed back (recycling it could lend the dying connection to another caller)
            which.forceClose();
        }

        void sweep() {
            long now = System.nanoTime();
            Call head;
            while ((head = inFlight.peekFirst()) != null && (head.done || head.deadline - now <= 0)) {
                inFlight.pollFirst();
                if (!head.done) {
                    RedisConnectionInternal via = head.via;
                    long sent = head.deadline - timeoutNanos;
                    head.onFailure(new RedisUnavailableException("Redis did not answer in " + timeout, null));
                    if (via != null && heard - sent < 0) {
                        lost(via); // silent since the call went out; one that still answers is only slow
                    }
                }
            }
        }

        private void onLane(Runnable action) {
            ContextInternal current = ContextInternal.current();
            if (current != null && current.nettyEventLoop() == loop) {
                action.run();
            } else {
                context.runOnContext(v -> action.run());
            }
        }
    }

    /** After a failed connect, reads take Quarkus' client this long before the next attempt. */
    private static final long RETRY_NANOS = Duration.ofSeconds(1).toNanos();

    private final Redis redis;
    private final Vertx vertx;
    /** The single Redis to keep connections to; null when the client type routes (cluster and the like). */
    private final RedisOptions standalone;
    private Redis own;
    private final Duration timeout;
    private final long timeoutNanos;
    private final long sweepMillis;
    /** Copied on write (a new loop is rare); read without a lock on every call. */
    private volatile Lane[] lanes = new Lane[0];

    /**
     * @param redis Quarkus' client, for traced reads and whenever a loop has no connection
     * @param standalone the Redis to keep connections to, with its credentials, or null to always use {@code redis}
     */
    ReadConnections(Redis redis, Vertx vertx, RedisOptions standalone, Duration timeout) {
        this.redis = redis;
        this.vertx = vertx;
        this.standalone = standalone;
        this.timeout = timeout;
        this.timeoutNanos = timeout.toNanos();
        // a call fails between timeout and timeout + a tenth of it
        this.sweepMillis = Math.max(1, Math.min(100, timeout.toMillis() / 10));
    }

    /**
     * Sends {@code request} and completes {@code call} with its outcome. False when the caller is not on an event loop
     * (nothing was sent): the caller then sends it another way.
     *
     * @param traced whether the caller's span records, so the command must be sent where the client traces it
     */
    boolean send(Request request, Call call, boolean traced) {
        ContextInternal context = ContextInternal.current();
        if (context == null || !context.isEventLoopContext()) {
            return false;
        }
        Lane lane = lane(context);
        call.deadline = System.nanoTime() + timeoutNanos;
        lane.inFlight.addLast(call);
        Future<Response> sent;
        if (traced || lane.connection == null) {
            if (!traced && lane.mayConnect()) {
                lane.connect();
            }
            sent = redis.send(request);
        } else {
            call.via = lane.connection;
            call.lane = lane;
            sent = lane.connection.send(request);
        }
        ((FutureInternal<Response>) sent).addListener(call);
        return true;
    }

    /** The client of the kept connections, made on first use; its pool holds one connection per event loop. */
    private synchronized Redis own() {
        if (own == null) {
            // one connection per event loop, never handed back: the pool must not cap the loops
            own = Redis.createClient(vertx, new RedisOptions(standalone).setMaxPoolSize(256));
        }
        return own;
    }

    /** Closes the kept connections. */
    synchronized void close() {
        if (own != null) {
            own.close();
        }
    }

    private Lane lane(ContextInternal context) {
        EventLoop loop = context.nettyEventLoop();
        Lane[] current = lanes;
        for (Lane lane : current) {
            if (lane.loop == loop) {
                return lane;
            }
        }
        synchronized (this) {
            for (Lane lane : lanes) {
                if (lane.loop == loop) {
                    return lane;
                }
            }
            Lane lane = new Lane(context.unwrap());
            lane.unsupported = standalone == null;
            Lane[] grown = Arrays.copyOf(lanes, lanes.length + 1);
            grown[grown.length - 1] = lane;
            lanes = grown;
            return lane;
        }
    }
}
