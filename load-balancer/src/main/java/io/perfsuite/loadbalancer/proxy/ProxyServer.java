package io.perfsuite.loadbalancer.proxy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import io.perfsuite.loadbalancer.config.ConfigError;
import io.perfsuite.loadbalancer.config.LoadBalancerConfig;
import io.perfsuite.loadbalancer.config.ProxyTlsRules;
import io.perfsuite.loadbalancer.config.RoutingFile;
import io.perfsuite.loadbalancer.endpoint.Endpoint;
import io.perfsuite.loadbalancer.resilience.AdmissionQueue;
import io.perfsuite.loadbalancer.route.Topology;
import io.quarkus.arc.ClientProxy;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

/**
 * The proxy port: one {@link ProxyLoop} per event loop, all on the same port. Admin, metrics and health are on the
 * Quarkus management interface, so nothing else shares this port's event loops. On shutdown it stops accepting, lets
 * in-flight exchanges finish within {@code lb.proxy.shutdown-deadline}, then closes what is left.
 */
@ApplicationScoped
public class ProxyServer {

    private static final Logger LOG = Logger.getLogger(ProxyServer.class);

    private final LoadBalancerConfig config;
    private final RoutingFile routing;
    // the bean behind the client proxy, read on every request (set at startup)
    private volatile RoutingFile routingBean;
    private final Vertx vertx;
    private final Instance<ExchangeObserver> observers;
    private final LongAdder inFlight = new LongAdder();
    private final List<String> deployments = new ArrayList<>();
    private volatile ExchangeObserver observer = ExchangeObserver.NONE;
    private volatile boolean draining;
    private volatile int port = -1;
    private volatile int h2cPort = -1;
    private volatile int tlsPort = -1;
    private long expiryTimer = -1;
    private long tlsReloadTimer = -1;

    private static final long QUEUE_SWEEP_MILLIS = 20;

    ProxyServer(LoadBalancerConfig config, RoutingFile routing, Vertx vertx, Instance<ExchangeObserver> observers) {
        this.config = config;
        this.routing = routing;
        this.vertx = vertx;
        this.observers = observers;
    }

    void start(@Observes StartupEvent event) throws Exception {
        routingBean = ClientProxy.unwrap(routing);
        if (observers.isResolvable()) {
            // the bean itself, not its client proxy: the proxy's delegate lookup would run on every call
            observer = ClientProxy.unwrap(observers.get());
        }
        int loops = config.proxy().eventLoops().orElse(Math.max(1, 2 * Runtime.getRuntime().availableProcessors()));
        // Vert.x shares one listening socket between servers of the same host and port, so port 0 (tests) is
        // resolved to one free port first
        int listenPort = config.proxy().port() == 0 ? freePort(config.proxy().host()) : config.proxy().port();
        int h2cListenPort = config.proxy().h2cPort().orElse(-1);
        if (h2cListenPort == 0) {
            h2cListenPort = freePort(config.proxy().host());
        }
        TlsListener tlsListener = tlsListener(config.proxy());
        for (int i = 0; i < loops; i++) {
            ProxyLoop loop = new ProxyLoop(this, config.proxy(), listenPort, h2cListenPort, tlsListener);
            deployments.add(vertx.deployVerticle(loop).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS));
        }
        port = listenPort;
        h2cPort = h2cListenPort;
        tlsPort = tlsListener == null ? -1 : tlsListener.port();
        // queued requests past their queue timeout are rejected by the queue's clock; this only asks it to look
        expiryTimer = vertx.setPeriodic(QUEUE_SWEEP_MILLIS, id -> expireQueues());
        Duration tlsReload = config.proxy().tls().reloadInterval();
        if (tlsListener != null && tlsReload.toMillis() > 0) {
            tlsReloadTimer = vertx.setPeriodic(tlsReload.toMillis(),
                    id -> vertx.executeBlocking(tlsListener::reloadIfChanged, false).onComplete(result -> {
                        if (result.failed()) {
                            LOG.errorf("TLS certificate not reloaded, the previous one still serves (%s, %s): %s",
                                    ProxyTlsRules.CERT, ProxyTlsRules.KEY, result.cause().getMessage());
                        } else if (result.result()) {
                            LOG.infof("TLS certificate reloaded from %s", config.proxy().tls().certPath().orElseThrow());
                        }
                    }));
        }
        LOG.infof("proxying on %s:%d with %d event loop(s) on %s%s", config.proxy().host(), port, loops,
                vertx.isNativeTransportEnabled()
                        ? "epoll"
                        : "NIO (no native transport: " + vertx.unavailableNativeTransportCause() + ")",
                tlsPort > 0 ? ", TLS (h2, http/1.1) on " + tlsPort : "");
    }

    /** The TLS port with its certificate and key loaded, or null when there is none. */
    private TlsListener tlsListener(LoadBalancerConfig.Proxy proxy) throws java.io.IOException {
        List<ConfigError> errors = ProxyTlsRules.check(proxy);
        if (!errors.isEmpty()) {
            throw new IllegalStateException("TLS configuration refused: "
                    + String.join("; ", errors.stream().map(ConfigError::toString).toList()));
        }
        if (proxy.tlsPort().isEmpty()) {
            return null;
        }
        int tlsListenPort = proxy.tlsPort().getAsInt() == 0 ? freePort(proxy.host()) : proxy.tlsPort().getAsInt();
        try {
            return new TlsListener(vertx, tlsListenPort, proxy.tls().certPath().orElseThrow(),
                    proxy.tls().keyPath().orElseThrow());
        } catch (Exception e) {
            throw new IllegalStateException("cannot load the TLS certificate and key; check " + ProxyTlsRules.CERT
                    + " and " + ProxyTlsRules.KEY + ": " + e.getMessage(), e);
        }
    }

    private static int freePort(String host) throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(host))) {
            return socket.getLocalPort();
        }
    }

    void stop(@Observes ShutdownEvent event) {
        shutdown(config.proxy().shutdownDeadline());
    }

    /** Stops accepting, waits up to {@code deadline} for in-flight exchanges, then closes every listener. */
    public void shutdown(Duration deadline) {
        if (draining) {
            return;
        }
        draining = true;
        if (expiryTimer >= 0) {
            vertx.cancelTimer(expiryTimer);
        }
        if (tlsReloadTimer >= 0) {
            vertx.cancelTimer(tlsReloadTimer);
        }
        long until = System.nanoTime() + deadline.toNanos();
        LOG.infof("draining: %d exchange(s) in flight, waiting up to %s", inFlight.intValue(), deadline);
        while (inFlight.intValue() > 0 && System.nanoTime() < until) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (inFlight.intValue() > 0) {
            LOG.warnf("shutdown deadline passed with %d exchange(s) in flight; closing them", inFlight.intValue());
        }
        for (String id : deployments) {
            try {
                vertx.undeploy(id).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.debugf(e, "undeploying proxy loop %s", id);
            }
        }
        deployments.clear();
    }

    private void expireQueues() {
        for (Topology.PoolEntry pool : routing.topology().pools().values()) {
            for (Endpoint endpoint : pool.pool().endpoints()) {
                AdmissionQueue queue = endpoint.admission();
                if (!queue.limits().unlimited() && queue.queued() > 0) {
                    queue.expire();
                }
            }
        }
    }

    public int port() {
        return port;
    }

    /** The cleartext HTTP/2 port, -1 when there is none. */
    public int h2cPort() {
        return h2cPort;
    }

    /** The TLS port (ALPN h2 and http/1.1), -1 when there is none. */
    public int tlsPort() {
        return tlsPort;
    }

    public boolean draining() {
        return draining;
    }

    public boolean serving() {
        return port > 0 && !draining;
    }

    public int inFlight() {
        return inFlight.intValue();
    }

    Topology topology() {
        RoutingFile bean = routingBean;
        return (bean != null ? bean : routing).topology();
    }

    ExchangeObserver observer() {
        return observer;
    }

    void exchangeStarted() {
        inFlight.increment();
    }

    void exchangeEnded() {
        inFlight.decrement();
    }
}
