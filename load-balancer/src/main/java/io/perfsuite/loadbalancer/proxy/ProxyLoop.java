package io.perfsuite.loadbalancer.proxy;

import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

import io.netty.channel.ChannelPipeline;
import io.perfsuite.loadbalancer.config.LoadBalancerConfig;
import io.perfsuite.loadbalancer.route.StrategyCatalog;
import io.perfsuite.loadbalancer.route.Topology;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.core.tracing.TracingPolicy;

/**
 * One event loop's share of the proxy: its own server on the shared proxy port and its own client, so a request and
 * the backend connection it uses never leave the thread that accepted it.
 */
final class ProxyLoop extends AbstractVerticle {

    private final ProxyServer owner;
    private final LoadBalancerConfig.Proxy config;
    private final int port;
    private final int h2cPort;
    private HttpServer h2cServer;
    private final TlsListener tls;
    private HttpServer tlsServer;
    private final HttpServerOptions serverOptions;
    private HttpServer server;
    private BackendConnections connections;
    private ExchangeDeadlines deadlines;
    private final PeerAddresses peerAddresses = new PeerAddresses();
    private HttpClient upgradeClient;
    // event-loop confined: only this loop's connections
    private final java.util.Set<HttpConnection> poisoned = java.util.Collections.newSetFromMap(
            new java.util.IdentityHashMap<>());

    /** @param tls the TLS port, null without one */
    ProxyLoop(ProxyServer owner, LoadBalancerConfig.Proxy config, int port, int h2cPort, TlsListener tls) {
        this.owner = owner;
        this.config = config;
        this.port = port;
        this.h2cPort = h2cPort;
        this.tls = tls;
        this.serverOptions = new HttpServerOptions()
                .setHost(config.host())
                .setPort(port)
                .setTcpNoDelay(true)
                .setMaxHeaderSize(config.maxHeaderSize())
                .setMaxInitialLineLength(config.maxInitialLineLength())
                .setHandle100ContinueAutomatically(false)
                // With cleartext HTTP/2 on, Vert.x builds a connection's HTTP/1 handler only once the first request is
                // being decoded, too late to swap in the framing guard; h2c gets its own port (lb.proxy.h2c-port)
                .setHttp2ClearTextEnabled(false)
                .setCompressionSupported(false)
                .setDecompressionSupported(false)
                // upgrades are tunnelled as bytes, never handled here: no extension handler in every pipeline
                .setPerMessageWebSocketCompressionSupported(false)
                .setPerFrameWebSocketCompressionSupported(false)
                .setIdleTimeout((int) config.clientIdleTimeout().toSeconds())
                .setIdleTimeoutUnit(TimeUnit.SECONDS)
                // one span per exchange, made by the proxy itself with the route and backend on it
                .setTracingPolicy(TracingPolicy.IGNORE);
    }

    @Override
    public void start(Promise<Void> started) {
        HttpClientOptions backendOptions = new HttpClientOptions()
                .setKeepAlive(true)
                .setKeepAliveTimeout((int) Math.max(1, config.backendKeepAlive().toSeconds()))
                .setPipelining(false)
                .setTcpNoDelay(true)
                .setMaxHeaderSize(config.maxHeaderSize())
                .setMaxInitialLineLength(config.maxInitialLineLength())
                .setDecompressionSupported(false)
                .setTryUseCompression(false)
                .setTracingPolicy(TracingPolicy.IGNORE);
        connections = new BackendConnections(vertx, (ContextInternal) context, backendOptions,
                config.maxConnectionsPerBackend());
        deadlines = new ExchangeDeadlines((ContextInternal) context);
        // an upgrade takes its backend connection for good: a fresh one each time, never a pooled keep-alive one
        // Upgrades get their own client, apart from the keep-alive pool ordinary requests share: a 101 takes the
        // connection out of its pool for good. It must stay a keep-alive client all the same: with keep-alive off,
        // Vert.x sets "Connection: close" on every HTTP/1.1 request, over the "Connection: upgrade" the proxy passes
        // on, and the backend then answers the upgrade as a plain request.
        upgradeClient = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setKeepAliveTimeout(1)
                .setPipelining(false).setTcpNoDelay(true)
                .setMaxHeaderSize(config.maxHeaderSize()).setTracingPolicy(TracingPolicy.IGNORE),
                new PoolOptions().setHttp1MaxSize(config.maxConnectionsPerBackend()).setMaxWaitQueueSize(-1));
        server = vertx.createHttpServer(serverOptions)
                .connectionHandler(this::accept)
                .requestHandler(request -> ProxyExchange.handle(this, request, false));
        Future<HttpServer> listening = server.listen();
        if (h2cPort > 0) {
            h2cServer = vertx.createHttpServer(new HttpServerOptions(serverOptions).setPort(h2cPort)
                    .setHttp2ClearTextEnabled(true))
                    .connectionHandler(this::acceptH2c)
                    .requestHandler(request -> ProxyExchange.handle(this, request, true));
            listening = listening.compose(plain -> h2cServer.listen());
        }
        if (tls != null) {
            // HTTP/1.1 over TLS gets the framing guard in accept(), like the plain port; HTTP/2 frames itself
            tlsServer = vertx.createHttpServer(tls.options(serverOptions))
                    .connectionHandler(this::accept)
                    .requestHandler(request -> ProxyExchange.handle(this, request, false));
            listening = listening.compose(previous -> tlsServer.listen());
        }
        listening.<Void>mapEmpty().onComplete(started);
    }

    @Override
    public void stop() {
        if (connections != null) {
            connections.close();
            deadlines.close();
        }
    }

    private void acceptH2c(HttpConnection connection) {
        if (owner.draining()) {
            connection.close();
        }
    }

    private void accept(HttpConnection connection) {
        if (owner.draining()) {
            // shutting down: this listener is about to go; the client reconnects to another instance
            connection.close();
            return;
        }
        if (connection instanceof ConnectionBase base) {
            ChannelPipeline pipeline = base.channel().pipeline();
            if (pipeline.get("httpDecoder") != null) {
                pipeline.replace("httpDecoder", "httpDecoder", new FramingGuardDecoder(serverOptions));
            }
        }
    }

    /** Marks a connection whose next bytes must not be read as requests; it is closing. */
    void poison(HttpConnection connection) {
        if (poisoned.add(connection)) {
            connection.closeHandler(v -> poisoned.remove(connection));
        }
    }

    boolean poisoned(HttpConnection connection) {
        return !poisoned.isEmpty() && poisoned.contains(connection);
    }

    int actualPort() {
        return server.actualPort();
    }

    BackendConnections connections() {
        return connections;
    }

    ExchangeDeadlines deadlines() {
        return deadlines;
    }

    PeerAddresses peerAddresses() {
        return peerAddresses;
    }

    HttpClient upgradeClient() {
        return upgradeClient;
    }

    Topology topology() {
        return owner.topology();
    }

    RandomGenerator random() {
        return StrategyCatalog.PER_THREAD_RANDOM;
    }

    ExchangeObserver observer() {
        return owner.observer();
    }

    boolean draining() {
        return owner.draining();
    }

    void exchangeStarted() {
        owner.exchangeStarted();
    }

    void exchangeEnded() {
        owner.exchangeEnded();
    }
}
