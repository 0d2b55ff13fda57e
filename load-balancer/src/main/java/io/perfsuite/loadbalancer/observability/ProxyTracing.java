package io.perfsuite.loadbalancer.observability;

import java.util.concurrent.ThreadLocalRandom;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.perfsuite.loadbalancer.proxy.ProxyExchange;
import io.vertx.core.MultiMap;

/**
 * One span per proxied request, naming the route, the pool, the chosen backend and why it was chosen. A request that
 * carries {@code traceparent} always continues its trace (the backend's spans join it); one that starts from nothing
 * starts a trace for {@code rootRatio} of requests only, the head sampling cache-service uses for root reads, so the
 * hot path pays for no span the sampler would drop.
 */
final class ProxyTracing {

    static final AttributeKey<String> ROUTE = AttributeKey.stringKey("lb.route");
    static final AttributeKey<String> POOL = AttributeKey.stringKey("lb.pool");
    static final AttributeKey<String> STRATEGY = AttributeKey.stringKey("lb.strategy");
    static final AttributeKey<String> BACKEND = AttributeKey.stringKey("lb.backend");
    static final AttributeKey<String> REASON = AttributeKey.stringKey("lb.selection.reason");
    static final AttributeKey<Long> ATTEMPTS = AttributeKey.longKey("lb.attempts");

    private static final TextMapGetter<MultiMap> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(MultiMap carrier) {
            return carrier.names();
        }

        @Override
        public String get(MultiMap carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private final Tracer tracer;
    private final TextMapPropagator propagator;
    private final double rootRatio;

    ProxyTracing(OpenTelemetry openTelemetry, double rootRatio) {
        this.tracer = openTelemetry.getTracer("io.perfsuite.load-balancer");
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
        this.rootRatio = rootRatio;
    }

    void started(ProxyExchange exchange) {
        MultiMap headers = exchange.request().headers();
        boolean continues = headers.contains("traceparent");
        if (!continues && (rootRatio <= 0 || ThreadLocalRandom.current().nextDouble() >= rootRatio)) {
            return;
        }
        Context parent = continues ? propagator.extract(Context.root(), headers, HEADERS) : Context.root();
        Span span = tracer.spanBuilder(exchange.request().method().name() + " " + exchange.route().name())
                .setParent(parent).setSpanKind(SpanKind.SERVER)
                .setAttribute("http.request.method", exchange.request().method().name())
                .setAttribute("url.path", exchange.request().path())
                .setAttribute(ROUTE, exchange.route().name())
                .setAttribute(POOL, exchange.pool().name())
                .setAttribute(STRATEGY, exchange.pool().strategy().name())
                .startSpan();
        exchange.observation(span);
    }

    void attempt(ProxyExchange exchange) {
        if (exchange.observation() instanceof Span span) {
            String backend = exchange.endpoint().id();
            String reason = exchange.reason().name().toLowerCase(java.util.Locale.ROOT);
            span.setAttribute(BACKEND, backend).setAttribute(REASON, reason)
                    .setAttribute(ATTEMPTS, (long) exchange.attempts());
            span.addEvent("attempt", io.opentelemetry.api.common.Attributes.of(BACKEND, backend, REASON, reason));
        }
    }

    void inject(ProxyExchange exchange, MultiMap headers) {
        if (exchange.observation() instanceof Span span) {
            headers.remove("traceparent");
            headers.remove("tracestate");
            propagator.inject(Context.root().with(span), headers, MultiMap::set);
        }
    }

    void ended(ProxyExchange exchange, int status, boolean aborted) {
        if (exchange.observation() instanceof Span span) {
            span.setAttribute("http.response.status_code", (long) status);
            if (status >= 500 || aborted) {
                span.setStatus(StatusCode.ERROR);
            }
            span.end();
        }
    }
}
