package io.perfsuite.loadbalancer.proxy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.perfsuite.loadbalancer.config.ProxySettings.Timeouts;
import io.perfsuite.loadbalancer.endpoint.Endpoint;
import io.perfsuite.loadbalancer.endpoint.Lease;
import io.perfsuite.loadbalancer.endpoint.Pool;
import io.perfsuite.loadbalancer.endpoint.Selection;
import io.perfsuite.loadbalancer.endpoint.SelectionReason;
import io.perfsuite.loadbalancer.resilience.AdmissionQueue;
import io.perfsuite.loadbalancer.resilience.Rejection;
import io.perfsuite.loadbalancer.resilience.RetryPolicy.Failure;
import io.perfsuite.loadbalancer.route.Route;
import io.perfsuite.loadbalancer.route.Topology;
import io.perfsuite.loadbalancer.route.Topology.PoolEntry;
import io.perfsuite.loadbalancer.strategy.RequestAttributes;
import io.vertx.core.AsyncResult;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;

/**
 * One client request on its way through the proxy: route, pool, endpoint (retrying on another one when that is safe),
 * admission, the backend request with both bodies piped (never buffered), and the response. Runs on the event loop
 * that accepted the request; the only callback that may arrive on another thread is an admission from the queue, and
 * it hops back first.
 */
public final class ProxyExchange extends ExchangeDeadlines.Entry implements RequestAttributes, BackendConnections.Waiter {

    private static final CharSequence X_FORWARDED_FOR = HttpHeaders.createOptimized("X-Forwarded-For");
    private static final CharSequence FORWARDED = HttpHeaders.createOptimized("Forwarded");

    private final ProxyLoop loop;
    private final HttpServerRequest request;
    private final HttpServerResponse response;
    private final ContextInternal context;
    private final Route route;
    private final PoolEntry pool;
    private final boolean hasBody;
    private final boolean upgrade;
    private final ExchangeObserver observer;

    private Set<Endpoint> tried;
    private int attempts;
    private Endpoint endpoint;
    private SelectionReason reason;
    private AdmissionQueue.Ticket ticket;
    private Lease lease;
    private HttpClientRequest backendRequest;
    // the pooled connection the attempt holds (null for upgrades, which use a client of their own); it goes back to
    // the pool only once both the request and the response have ended
    private BackendConnections.Connection connection;
    private boolean requestEnded;
    private boolean responseEnded;
    // set by the attempt's first failure: closing its connection may report the same failure again
    private boolean attemptFailed;
    private HttpClientResponse backendResponse;
    private long sentNanos;
    private long headNanos;
    private int status;
    private boolean bodyStarted;
    private boolean headSent;
    private boolean finished;
    private Object observation;
    // The exchange's one deadline, on its loop's ExchangeDeadlines: the request timeout until the response head, the
    // idle timeout between chunks after it, disarmed when the exchange ends. (Vert.x's per-request idle timeout is not
    // cancelled when a response ends, so it kept every finished request reachable for the whole idle timeout.)
    private long idleNanos;
    // the body length the backend declared (-1: none, or a response without a body), and a chunk that is all of it,
    // held back so that the head, the body and the end go to the client in one write and one flush
    private long declaredLength = -1;
    private Buffer wholeBody;

    ProxyExchange(ProxyLoop loop, HttpServerRequest request, Route route, PoolEntry pool, boolean hasBody,
            boolean upgrade, ExchangeObserver observer) {
        this.loop = loop;
        this.request = request;
        this.response = request.response();
        this.context = ContextInternal.current();
        this.route = route;
        this.pool = pool;
        this.hasBody = hasBody;
        this.upgrade = upgrade;
        this.observer = observer;
    }

    /** Routes {@code request} and proxies it, or answers it with a problem. */
    static void handle(ProxyLoop loop, HttpServerRequest request, boolean h2cPort) {
        String violation = null;
        if (loop.poisoned(request.connection())) {
            // a request pipelined behind a badly framed one: its bytes may be the smuggled part
            request.connection().close();
            return;
        }
        MultiMap headers = request.headers();
        boolean http11 = request.version() == HttpVersion.HTTP_1_1;
        RequestFraming.Violation framing = RequestFraming.check(http11, headers.getAll(HttpHeaders.TRANSFER_ENCODING),
                http11 ? headers.getAll(HttpHeaders.HOST) : List.of(), headers.contains(RequestFraming.CONFLICT_MARKER));
        if (framing == null && h2cPort && http11 && headers.contains(HttpHeaders.TRANSFER_ENCODING)) {
            framing = new RequestFraming.Violation("Transfer-Encoding", "not-on-h2c-port",
                    "HTTP/1.1 requests on the cleartext HTTP/2 port must send Content-Length, not Transfer-Encoding");
        }
        if (framing != null) {
            // the bytes after a badly framed head cannot be trusted to be a next request
            loop.poison(request.connection());
            response(request).putHeader(HttpHeaders.CONNECTION, "close");
            ProxyProblems.send(request, 400, framing.detail(), framing.field(), framing.rule());
            request.connection().close();
            return;
        }
        Topology topology = loop.topology();
        Route route = topology.routes().match(request.host(), request.path(), headers::get);
        if (route == null) {
            ProxyProblems.send(request, 404, "no route matches this request's host, path and headers", null, null);
            return;
        }
        PoolEntry pool = topology.pool(route.pickPool(loop.random()));
        boolean hasBody = headers.contains(HttpHeaders.CONTENT_LENGTH)
                ? !"0".equals(headers.get(HttpHeaders.CONTENT_LENGTH))
                : headers.contains(HttpHeaders.TRANSFER_ENCODING) || request.version() == HttpVersion.HTTP_2
                        && !request.isEnded() && request.method() != HttpMethod.GET && request.method() != HttpMethod.HEAD;
        // an h2c upgrade is an offer to this hop only (and RFC 9113 retired it): answered as plain HTTP/1.1
        String upgradeTo = http11 ? headers.get(HttpHeaders.UPGRADE) : null;
        boolean upgrade = upgradeTo != null && !upgradeTo.equalsIgnoreCase("h2c")
                && headers.contains(HttpHeaders.CONNECTION, HttpHeaders.UPGRADE, true);
        if (hasBody) {
            // nothing may be read before the backend is ready for it: the pipe resumes the stream. (An upgrade is
            // not paused: its client sends nothing before the 101, and a paused request would keep its bytes from
            // the tunnel.)
            request.pause();
        }
        new ProxyExchange(loop, request, route, pool, hasBody, upgrade, loop.observer()).start();
    }

    private static HttpServerResponse response(HttpServerRequest request) {
        return request.response();
    }

    private void start() {
        loop.exchangeStarted();
        observer.started(this);
        response.closeHandler(v -> clientGone());
        pool.pool().retryBudget().recordRequest();
        attempt();
    }

    private void attempt() {
        Selection selection = pool.pool().choose(this, tried);
        if (!selection.found()) {
            fail(503, "no backend of pool '" + pool.pool().name() + "' is available", 1);
            return;
        }
        endpoint = selection.endpoint();
        reason = attempts > 0 && selection.reason() == SelectionReason.STRATEGY
                ? SelectionReason.RETRY
                : selection.reason();
        attempts++;
        AdmissionQueue queue = endpoint.admission();
        if (queue.limits().unlimited()) {
            connect();
            return;
        }
        ticket = queue.admit(() -> onLoop(this::connect), rejection -> onLoop(() -> rejected(rejection)));
    }

    private void onLoop(Runnable step) {
        if (ContextInternal.current() == context) {
            step.run();
        } else {
            context.runOnContext(v -> step.run());
        }
    }

    private void rejected(Rejection rejection) {
        if (!finished) {
            ticket = null;
            fail(503, "backend " + endpoint.id() + " is at its concurrency limit ("
                    + rejection.reason().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ")",
                    rejection.retryAfterSeconds());
        }
    }

    private void connect() {
        if (finished) {
            releaseTicket();
            return;
        }
        lease = endpoint.begin();
        Timeouts timeouts = pool.settings().timeouts();
        observer.attempt(this);
        if (!upgrade) {
            loop.connections().acquire(endpoint, timeouts.connect().toMillis(), this);
            return;
        }
        RequestOptions options = new RequestOptions()
                .setMethod(request.method())
                .setHost(endpoint.uri().getHost())
                .setPort(port(endpoint))
                .setSsl("https".equals(endpoint.uri().getScheme()))
                .setURI(originForm())
                .setConnectTimeout(timeouts.connect().toMillis());
        loop.upgradeClient().request(options).onComplete(this::connected);
    }

    @Override
    public void acquired(BackendConnections.Connection acquired) {
        if (finished) {
            // the client went away while this waited: the connection was never used
            loop.connections().release(acquired, true);
            return;
        }
        connection = acquired;
        requestEnded = false;
        responseEnded = false;
        attemptFailed = false;
        acquired.http.createRequest(context).onComplete(this::connected);
    }

    @Override
    public void acquireFailed(Throwable cause) {
        connectFailed(cause);
    }

    private void connectFailed(Throwable cause) {
        if (finished) {
            return;
        }
        lease.connectFailure();
        releaseTicket();
        retryOrFail(Failure.CONNECT_FAILURE, 502, "could not connect to backend " + endpoint.id() + ": "
                + cause.getMessage());
    }

    private void connected(AsyncResult<HttpClientRequest> result) {
        if (result.failed()) {
            // a pooled connection that closed between the pool and here counts as a failed connect too
            dropConnection();
            connectFailed(result.cause());
            return;
        }
        HttpClientRequest outgoing = result.result();
        if (finished) {
            outgoing.reset();
            dropConnection();
            return;
        }
        if (connection != null) {
            outgoing.setMethod(request.method()).setURI(originForm()).authority(connection.authority());
        }
        backendRequest = outgoing;
        writeBackendHeaders(outgoing.headers());
        sentNanos = System.nanoTime();
        // the request timeout runs from the end of the request body to the response head (an upload of any length
        // is bounded by the client idle timeout instead); the idle timeout takes over at the head
        long requestTimeout = pool.settings().timeouts().request().toNanos();
        if (upgrade) {
            arm(requestTimeout);
            outgoing.connect().onComplete(this::upgraded);
            return;
        }
        outgoing.response().onComplete(this::responded);
        if (!hasBody) {
            arm(requestTimeout);
            outgoing.end();
            requestEnded = true;
            return;
        }
        if (request.headers().contains(HttpHeaders.EXPECT, HttpHeaders.CONTINUE, true)
                && request.version() != HttpVersion.HTTP_1_0) {
            // the backend connection is there: let the client send its body now instead of waiting for its own
            // timeout (curl waits 1 s); Expect itself was not forwarded
            response.writeContinue();
        }
        if (!request.headers().contains(HttpHeaders.CONTENT_LENGTH)) {
            outgoing.setChunked(true);
        }
        bodyStarted = true;
        // a client that vanishes mid-upload must not look like a complete body to the backend: no end on failure
        BackendConnections.Connection uploading = connection;
        request.pipe().endOnFailure(false).to(outgoing).onSuccess(sent -> {
            if (connection == uploading) {
                requestEnded = true;
                if (responseEnded) {
                    // the backend answered before the upload was over: the connection is free only now
                    releaseConnection();
                }
            }
            if (!headSent && !finished) {
                arm(requestTimeout);
            }
        }).onFailure(failure -> {
            if (!finished) {
                outgoing.reset();
            }
            if (connection == uploading) {
                dropConnection();
            }
        });
    }

    private void responded(AsyncResult<HttpClientResponse> result) {
        if (finished) {
            return;
        }
        if (result.failed()) {
            backendFailed(result.cause());
            return;
        }
        backendResponse = result.result();
        headNanos = System.nanoTime();
        status = backendResponse.statusCode();
        if (status == 503 && !bodyStarted && mayRetry(Failure.UNAVAILABLE)) {
            lease.success(status, headNanos - sentNanos);
            observer.attemptEnded(this, status);
            releaseTicket();
            // the rest of this answer is not wanted; reading it to the end keeps the connection reusable
            BackendConnections.Connection spent = connection;
            connection = null;
            backendResponse.end().onComplete(read -> {
                if (spent != null) {
                    loop.connections().release(spent, read.succeeded());
                }
            });
            retry();
            return;
        }
        idleNanos = pool.settings().timeouts().idle().toNanos();
        arm(idleNanos);
        if (status != 200) {
            // 200 is what a response starts with; setting it again costs a lock and a lookup per request
            response.setStatusCode(status);
        }
        String message = backendResponse.statusMessage();
        if (message != null && !message.equals(HttpResponseStatus.valueOf(status).reasonPhrase())) {
            // a custom reason phrase; the standard one is what Vert.x writes anyway, without a new status object
            response.setStatusMessage(message);
        }
        MultiMap out = response.headers();
        MultiMap in = backendResponse.headers();
        // the decoder's own names and values: no String copies, and each name keeps the hash it already has
        HopByHopHeaders.forEachEndToEnd(NettyHeaderView.fields(in), connectionValues(in), false, out::add);
        pool.pool().onResponse(endpoint, this, out::add);
        if (loop.draining()) {
            out.set(HttpHeaders.CONNECTION, "close");
        }
        boolean bodyless = request.method() == HttpMethod.HEAD || status == 204 || status == 304;
        String length = bodyless ? null : out.get(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            declaredLength = parseLength(length);
        } else if (!bodyless && request.version() != HttpVersion.HTTP_1_0) {
            response.setChunked(true);
        }
        headSent = true;
        // relayed by hand rather than piped: each chunk moves the idle deadline
        backendResponse.exceptionHandler(this::backendFailed);
        backendResponse.endHandler(this::backendEnded);
        backendResponse.handler(this::relay);
    }

    private void relay(Buffer chunk) {
        if (finished) {
            return;
        }
        loop.deadlines().touch(this);
        if (wholeBody == null && chunk.length() == declaredLength) {
            // the whole body in one chunk (a small response): the decoder ends the message right after it, and the
            // end writes it with the head
            wholeBody = chunk;
            return;
        }
        writeHeldBody();
        response.write(chunk, null);
        if (response.writeQueueFull()) {
            // the client reads slower than the backend sends: hold the backend until the client has caught up; the
            // backend is held by the proxy, not silent, so the idle deadline waits too
            disarm();
            backendResponse.pause();
            response.drainHandler(v -> {
                if (!finished) {
                    arm(idleNanos);
                }
                backendResponse.resume();
            });
        }
    }

    private void backendEnded(Void ignored) {
        if (finished) {
            return;
        }
        responseEnded = true;
        if (requestEnded) {
            releaseConnection();
        }
        disarm();
        Buffer body = wholeBody;
        wholeBody = null;
        Handler<AsyncResult<Void>> written = ended -> {
            if (!finished) {
                finish(status);
            }
        };
        if (body != null) {
            response.end(body, written);
        } else {
            response.end(written);
        }
    }

    /** A held chunk was not the whole body after all (more came): it goes out first, in order. */
    private void writeHeldBody() {
        if (wholeBody != null) {
            Buffer held = wholeBody;
            wholeBody = null;
            response.write(held, null);
        }
    }

    private static long parseLength(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Sets the current phase's deadline {@code nanos} from now. */
    private void arm(long nanos) {
        if (nanos <= 0) {
            disarm();
            return;
        }
        loop.deadlines().arm(this, nanos);
    }

    private void disarm() {
        loop.deadlines().disarm(this);
    }

    @Override
    void expired() {
        if (!finished) {
            timedOut();
        }
    }

    /** No response head within the request timeout, or nothing from the backend for the idle timeout after it. */
    private void timedOut() {
        HttpClientRequest outgoing = backendRequest;
        lease.timeout();
        releaseTicket();
        if (headSent) {
            // the head is gone, so the client can only learn the body is cut short by the connection ending
            observer.attemptEnded(this, 0);
            end(status, true);
            abortClient();
        } else {
            observer.attemptEnded(this, 504);
            fail(504, "backend " + endpoint.id() + " sent no response within "
                    + pool.settings().timeouts().request().toMillis() + " ms", 0);
        }
        // after the exchange is settled: the reset's own failure callbacks find it finished
        if (outgoing != null) {
            outgoing.reset();
        }
        dropConnection();
    }

    /** The backend connection failed or timed out after the request went out. */
    private void backendFailed(Throwable cause) {
        if (finished || attemptFailed) {
            return;
        }
        attemptFailed = true;
        boolean timedOut = cause instanceof TimeoutException;
        if (timedOut) {
            lease.timeout();
        } else {
            lease.reset();
        }
        releaseTicket();
        dropConnection();
        if (headSent) {
            // the head is gone, so the client can only learn the body is cut short by the connection ending
            observer.attemptEnded(this, 0);
            end(status, true);
            abortClient();
            return;
        }
        if (timedOut) {
            observer.attemptEnded(this, 504);
            backendRequest.reset();
            fail(504, "backend " + endpoint.id() + " sent no response within "
                    + pool.settings().timeouts().request().toMillis() + " ms", 0);
            return;
        }
        retryOrFail(Failure.RESET, 502, "backend " + endpoint.id() + " closed the connection before answering");
    }

    private void retryOrFail(Failure failure, int status, String detail) {
        observer.attemptEnded(this, status);
        if (mayRetry(failure)) {
            retry();
        } else {
            fail(status, detail, 0);
        }
    }

    private boolean mayRetry(Failure failure) {
        // a body that started streaming cannot be sent again: only requests without one, or whose body was never read
        boolean replayable = !bodyStarted;
        return pool.pool().policy().retry().mayRetry(request.method().name(), failure, attempts, replayable)
                && pool.pool().retryBudget().tryAcquireRetry();
    }

    private void retry() {
        disarm();
        if (tried == null) {
            tried = new HashSet<>(4);
        }
        tried.add(endpoint);
        lease = null;
        backendRequest = null;
        backendResponse = null;
        headNanos = 0;
        attemptFailed = false;
        attempt();
    }

    private void upgraded(AsyncResult<HttpClientResponse> result) {
        if (finished) {
            return;
        }
        if (result.failed()) {
            backendFailed(result.cause());
            return;
        }
        disarm();
        HttpClientResponse backendResponse = result.result();
        status = backendResponse.statusCode();
        lease.success(status, System.nanoTime() - sentNanos);
        releaseTicket();
        if (status != 101) {
            // refused upgrade: an ordinary response
            response.setStatusCode(status);
            HopByHopHeaders.forEachEndToEnd(backendResponse.headers(), false, response.headers()::add);
            headSent = true;
            backendResponse.pipe().to(response).onComplete(v -> end(status, false));
            return;
        }
        NetSocket backendSocket = backendResponse.netSocket();
        response.setStatusCode(101);
        HopByHopHeaders.forEachEndToEnd(backendResponse.headers(), true, response.headers()::add);
        headSent = true;
        request.toNetSocket().onComplete(client -> {
            if (client.failed()) {
                backendSocket.close();
                end(502, true);
                return;
            }
            NetSocket clientSocket = client.result();
            // each direction piped with backpressure; when either side closes, so does the other
            backendSocket.pipeTo(clientSocket);
            clientSocket.pipeTo(backendSocket);
            clientSocket.closeHandler(v -> backendSocket.close());
            backendSocket.closeHandler(v -> clientSocket.close());
            end(101, false);
        });
    }

    private void fail(int status, String detail, long retryAfterSeconds) {
        if (finished) {
            return;
        }
        if (retryAfterSeconds > 0) {
            response.putHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        }
        if (hasBody && !bodyStarted) {
            // the client may still be sending a body nobody will read: end the connection after the answer
            response.putHeader(HttpHeaders.CONNECTION, "close");
        }
        end(status, false);
        if (!response.ended() && !response.closed()) {
            ProxyProblems.send(request, status, detail, null, null);
        }
    }

    private void finish(int status) {
        if (lease != null) {
            lease.success(status, headNanos - sentNanos);
        }
        observer.attemptEnded(this, status);
        releaseTicket();
        end(status, false);
    }

    private void clientGone() {
        if (finished) {
            return;
        }
        if (lease != null) {
            lease.cancel();
        }
        if (backendRequest != null) {
            backendRequest.reset();
        }
        dropConnection();
        releaseTicket();
        end(499, true);
    }

    private void end(int status, boolean aborted) {
        if (finished) {
            return;
        }
        finished = true;
        disarm();
        observer.ended(this, status, aborted);
        loop.exchangeEnded();
    }

    private void abortClient() {
        if (request.version() == HttpVersion.HTTP_2) {
            response.reset();
        } else {
            request.connection().close();
        }
    }

    /** The attempt's connection goes back to the pool: request and response both ended. */
    private void releaseConnection() {
        if (connection != null) {
            loop.connections().release(connection, true);
            connection = null;
        }
    }

    /** The attempt's connection is not reusable (reset, cut short, timed out): closed unless it already is. */
    private void dropConnection() {
        if (connection != null) {
            loop.connections().release(connection, false);
            connection = null;
        }
    }

    private void releaseTicket() {
        if (ticket != null) {
            ticket.release();
            ticket = null;
        }
    }

    /** Writes the request head the backend gets straight into the outgoing request (no intermediate map to copy). */
    private void writeBackendHeaders(MultiMap out) {
        MultiMap in = request.headers();
        HopByHopHeaders.forEachEndToEnd(NettyHeaderView.fields(in), connectionValues(in), upgrade, out::add);
        out.remove(HttpHeaders.EXPECT);
        out.remove(RequestFraming.CONFLICT_MARKER);
        String host = request.host();
        if (host != null) {
            // the client's Host goes on unchanged (HTTP/2's :authority becomes Host)
            out.set(HttpHeaders.HOST, host);
        }
        // set, not add: the client's values are folded into the new ones
        String proto = request.isSSL() ? "https" : "http";
        SocketAddress peer = request.remoteAddress();
        PeerAddresses peers = loop.peerAddresses();
        ForwardedHeaders.write(peers.text(peer), proto, host, peers.forwardedElement(peer, proto, host),
                joined(in, X_FORWARDED_FOR), joined(in, FORWARDED), out::set);
        observer.inject(this, out);
    }

    /** The Connection values, without allocating when there are none (the usual case). */
    static List<String> connectionValues(MultiMap headers) {
        return headers.contains(HttpHeaders.CONNECTION) ? headers.getAll(HttpHeaders.CONNECTION) : null;
    }

    private static String joined(MultiMap headers, CharSequence name) {
        if (!headers.contains(name)) {
            return null;
        }
        List<String> values = headers.getAll(name);
        return values.size() == 1 ? values.get(0) : String.join(", ", values);
    }

    private String originForm() {
        String uri = request.uri();
        if (uri.startsWith("/") || uri.equals("*")) {
            return uri;
        }
        // absolute-form (RFC 9112 3.2.2): a backend expects origin-form
        String query = request.query();
        return query == null ? request.path() : request.path() + "?" + query;
    }

    private static int port(Endpoint endpoint) {
        int port = endpoint.uri().getPort();
        return port > 0 ? port : ("https".equals(endpoint.uri().getScheme()) ? 443 : 80);
    }

    // what observers (metrics, tracing) and strategies see

    /** Whatever the observer keeps for this exchange (its span). */
    public Object observation() {
        return observation;
    }

    public void observation(Object value) {
        observation = value;
    }

    /** True when the backend sent a response head on the last attempt. */
    public boolean answered() {
        return headNanos != 0;
    }

    public Route route() {
        return route;
    }

    public Pool pool() {
        return pool.pool();
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    public SelectionReason reason() {
        return reason;
    }

    public int attempts() {
        return attempts;
    }

    public HttpServerRequest request() {
        return request;
    }

    public long headLatencyNanos() {
        return headNanos - sentNanos;
    }

    @Override
    public String clientAddress() {
        return loop.peerAddresses().text(request.remoteAddress());
    }

    @Override
    public String method() {
        return request.method().name();
    }

    @Override
    public String path() {
        return request.path();
    }

    @Override
    public String header(String name) {
        return request.headers().get(name);
    }

    @Override
    public String cookie(String name) {
        io.vertx.core.http.Cookie cookie = request.getCookie(name);
        return cookie == null ? null : cookie.getValue();
    }
}
