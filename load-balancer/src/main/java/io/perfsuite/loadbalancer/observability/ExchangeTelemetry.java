package io.perfsuite.loadbalancer.observability;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.perfsuite.loadbalancer.config.LoadBalancerConfig;
import io.perfsuite.loadbalancer.config.RoutingFile;
import io.perfsuite.loadbalancer.proxy.ExchangeObserver;
import io.perfsuite.loadbalancer.proxy.ProxyExchange;
import io.vertx.core.MultiMap;

/** What the proxy reports about each exchange: per-backend metrics and a span. */
@ApplicationScoped
public class ExchangeTelemetry implements ExchangeObserver {

    private final BackendMetrics metrics;
    private final ProxyTracing tracing;

    ExchangeTelemetry(MeterRegistry registry, Instance<PrometheusMeterRegistry> prometheus,
            OpenTelemetry openTelemetry, RoutingFile routing, LoadBalancerConfig config) {
        // straight into the Prometheus registry: a meter of the global composite forwards every increment through
        // a composite meter to its child (about a third of the per-request metrics cost in a profile)
        this.metrics = new BackendMetrics(prometheus.isResolvable() ? prometheus.get() : registry);
        this.tracing = new ProxyTracing(openTelemetry, config.tracing().rootRatio());
        routing.store().onChange(metrics::retainOnly);
    }

    @Override
    public void started(ProxyExchange exchange) {
        tracing.started(exchange);
    }

    @Override
    public void attempt(ProxyExchange exchange) {
        tracing.attempt(exchange);
    }

    @Override
    public void inject(ProxyExchange exchange, MultiMap headers) {
        tracing.inject(exchange, headers);
    }

    @Override
    public void attemptEnded(ProxyExchange exchange, int status) {
        if (exchange.endpoint() != null) {
            metrics.record(exchange.pool().name(), exchange.endpoint(), status,
                    exchange.answered() ? exchange.headLatencyNanos() : 0);
        }
    }

    @Override
    public void ended(ProxyExchange exchange, int status, boolean aborted) {
        tracing.ended(exchange, status, aborted);
    }

    @PreDestroy
    void close() {
        metrics.retainOnly(new io.perfsuite.loadbalancer.route.Topology(null, null, java.util.Map.of(), 0));
    }
}
