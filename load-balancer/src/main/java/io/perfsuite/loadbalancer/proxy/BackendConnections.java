package io.perfsuite.loadbalancer.proxy;

import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import io.perfsuite.loadbalancer.endpoint.Endpoint;
import io.vertx.core.AsyncResult;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.impl.HttpClientConnection;
import io.vertx.core.http.impl.HttpClientInternal;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;

/**
 * One event loop's keep-alive connections to its backends: an idle stack per endpoint (most recently used first, so
 * a steady load keeps a warm set and the rest expire), at most {@code maxPerBackend} open per endpoint, and requests
 * beyond that waiting for the next free connection up to their connect timeout. Everything runs on the loop's
 * thread, so nothing here locks. Vert.x's own pool did the same through an endpoint lookup by key and a combiner
 * executor on every request (about 5 % of the proxy's CPU samples); this is a field read and a deque pop.
 */
final class BackendConnections {

    /** What the exchange waiting for a connection is told. */
    interface Waiter {

        void acquired(Connection connection);

        void acquireFailed(Throwable cause);
    }

    /** A pooled connection and the endpoint it belongs to; one per TCP connection, not per request. */
    static final class Connection {
        final HttpClientConnection http;
        final Backend backend;
        boolean evicted;

        Connection(HttpClientConnection http, Backend backend) {
            this.http = http;
            this.backend = backend;
        }

        HostAndPort authority() {
            return backend.authority;
        }
    }

    /** One endpoint's connections on this loop. */
    final class Backend {
        final SocketAddress address;
        final HostAndPort authority;
        final boolean tls;
        final ArrayDeque<Connection> idle = new ArrayDeque<>();
        int open;
        ArrayDeque<Pending> waiting;

        Backend(Endpoint endpoint) {
            String host = endpoint.uri().getHost();
            int port = endpoint.uri().getPort();
            this.tls = "https".equals(endpoint.uri().getScheme());
            int effectivePort = port > 0 ? port : (tls ? 443 : 80);
            this.address = SocketAddress.inetSocketAddress(effectivePort, host);
            this.authority = HostAndPort.create(host, effectivePort);
        }
    }

    /** A request waiting for a connection: queued, then connecting, then settled, within its connect timeout. */
    private final class Pending {
        final Waiter waiter;
        final Backend backend;
        final long timeoutMillis;
        long timerId = -1;
        boolean queued;
        boolean settled;

        Pending(Waiter waiter, Backend backend, long timeoutMillis) {
            this.waiter = waiter;
            this.backend = backend;
            this.timeoutMillis = timeoutMillis;
            if (timeoutMillis > 0) {
                timerId = context.setTimer(timeoutMillis, id -> timedOut());
            }
        }

        private void timedOut() {
            timerId = -1;
            if (settled) {
                return;
            }
            settled = true;
            if (queued) {
                backend.waiting.remove(this);
            }
            waiter.acquireFailed(new TimeoutException("no connection to " + backend.authority + " within "
                    + timeoutMillis + " ms" + (queued ? " (" + maxPerBackend + " in use)" : "")));
        }

        /** True when this request still wants a connection; it stops waiting either way. */
        boolean settle() {
            if (settled) {
                return false;
            }
            settled = true;
            if (timerId >= 0) {
                vertx.cancelTimer(timerId);
                timerId = -1;
            }
            return true;
        }
    }

    private static final long SWEEP_MILLIS = 1000;

    private final Vertx vertx;
    private final HttpClientOptions options;
    private final HttpClientInternal plain;
    private HttpClientInternal tls;
    private final ContextInternal context;
    private final int maxPerBackend;
    private final Map<Endpoint, Backend> backends = new IdentityHashMap<>();
    private final long sweepTimer;

    BackendConnections(Vertx vertx, ContextInternal context, HttpClientOptions options, int maxPerBackend) {
        this.vertx = vertx;
        this.context = context;
        this.options = options;
        this.maxPerBackend = maxPerBackend;
        this.plain = (HttpClientInternal) vertx.createHttpClient(options, new PoolOptions());
        // closes idle connections past their keep-alive (the backend's Keep-Alive: timeout=N, else ours)
        this.sweepTimer = context.setPeriodic(SWEEP_MILLIS, id -> sweep());
    }

    /** Hands {@code waiter} an idle connection at once, a new one when there is room, or queues it. */
    void acquire(Endpoint endpoint, long connectTimeoutMillis, Waiter waiter) {
        Backend backend = backends.get(endpoint);
        if (backend == null) {
            backend = new Backend(endpoint);
            backends.put(endpoint, backend);
        }
        Connection idle = pollIdle(backend);
        if (idle != null) {
            waiter.acquired(idle);
            return;
        }
        Pending pending = new Pending(waiter, backend, connectTimeoutMillis);
        if (backend.open < maxPerBackend) {
            connect(pending);
            return;
        }
        if (backend.waiting == null) {
            backend.waiting = new ArrayDeque<>();
        }
        pending.queued = true;
        backend.waiting.addLast(pending);
    }

    /**
     * Gives a connection back once its exchange is over. {@code reusable} is true only when the request and the
     * response both ended cleanly; anything else (a reset, a cut body) closes it.
     */
    void release(Connection connection, boolean reusable) {
        if (connection.evicted) {
            return;
        }
        if (!reusable || !connection.http.isValid()) {
            // closing evicts it, and eviction hands the freed slot on
            connection.http.close();
            return;
        }
        Pending next = nextWaiting(connection.backend);
        if (next != null && next.settle()) {
            next.waiter.acquired(connection);
        } else {
            connection.backend.idle.addFirst(connection);
        }
    }

    private Connection pollIdle(Backend backend) {
        Connection connection;
        while ((connection = backend.idle.pollFirst()) != null) {
            if (connection.http.isValid()) {
                return connection;
            }
            connection.http.close();
        }
        return null;
    }

    private void connect(Pending pending) {
        Backend backend = pending.backend;
        backend.open++;
        // the peer is the server itself (no proxy): it names the host for TLS, as Vert.x's own pool does
        client(backend).connect(backend.address, backend.address).onComplete(result -> connected(pending, result));
    }

    private void connected(Pending pending, AsyncResult<HttpClientConnection> result) {
        Backend backend = pending.backend;
        if (result.failed()) {
            backend.open--;
            if (pending.settle()) {
                pending.waiter.acquireFailed(result.cause());
            }
            // the slot is free again: a queued request may try it
            connectNextWaiting(backend);
            return;
        }
        Connection connection = new Connection(result.result(), backend);
        connection.http.evictionHandler(v -> evicted(connection));
        if (pending.settle()) {
            pending.waiter.acquired(connection);
        } else {
            // its request gave up waiting, but the connection is good: the next request gets it
            release(connection, true);
        }
    }

    /** The connection closed, or announced it will (Connection: close, expiry): it never goes back. */
    private void evicted(Connection connection) {
        if (connection.evicted) {
            return;
        }
        connection.evicted = true;
        Backend backend = connection.backend;
        backend.open--;
        backend.idle.removeFirstOccurrence(connection);
        connectNextWaiting(backend);
    }

    private void connectNextWaiting(Backend backend) {
        Pending next = nextWaiting(backend);
        if (next != null) {
            // its connect timeout keeps running
            next.queued = false;
            connect(next);
        }
    }

    private Pending nextWaiting(Backend backend) {
        return backend.waiting == null ? null : backend.waiting.pollFirst();
    }

    private HttpClientInternal client(Backend backend) {
        if (!backend.tls) {
            return plain;
        }
        if (tls == null) {
            tls = (HttpClientInternal) vertx.createHttpClient(new HttpClientOptions(options).setSsl(true),
                    new PoolOptions());
        }
        return tls;
    }

    private void sweep() {
        Iterator<Backend> each = backends.values().iterator();
        while (each.hasNext()) {
            Backend backend = each.next();
            // oldest at the tail: close from there while they are past their keep-alive
            Connection oldest;
            while ((oldest = backend.idle.peekLast()) != null && !oldest.http.isValid()) {
                backend.idle.pollLast();
                oldest.http.close();
            }
            if (backend.open == 0 && (backend.waiting == null || backend.waiting.isEmpty())) {
                // nothing left for this endpoint (perhaps gone with a reload): built again on its next request
                each.remove();
            }
        }
    }

    /** Open connections to {@code endpoint} on this loop, idle or in use (for tests and the admin view). */
    int open(Endpoint endpoint) {
        Backend backend = backends.get(endpoint);
        return backend == null ? 0 : backend.open;
    }

    int idle(Endpoint endpoint) {
        Backend backend = backends.get(endpoint);
        return backend == null ? 0 : backend.idle.size();
    }

    void close() {
        vertx.cancelTimer(sweepTimer);
        plain.close();
        if (tls != null) {
            tls.close();
        }
    }
}
