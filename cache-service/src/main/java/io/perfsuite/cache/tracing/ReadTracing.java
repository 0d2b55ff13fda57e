package io.perfsuite.cache.tracing;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiConsumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.opentelemetry.api.trace.Span;
import io.perfsuite.cache.config.CacheConfig;
import io.perfsuite.cache.sampling.ReadTraceSampler;
import io.quarkus.opentelemetry.runtime.QuarkusContextStorage;
import io.quarkus.opentelemetry.runtime.tracing.intrumentation.InstrumentationRecorder;
import io.quarkus.opentelemetry.runtime.tracing.intrumentation.vertx.OpenTelemetryVertxTracingFactory.VertxDelegator;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Context;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.spi.tracing.SpanKind;
import io.vertx.core.spi.tracing.TagExtractor;
import io.vertx.core.spi.tracing.VertxTracer;
import io.vertx.core.tracing.TracingPolicy;

/**
 * Puts {@link ReadTraceSampler} in front of the Vert.x tracer quarkus-opentelemetry installs, so a key read that is not
 * going to be traced skips the tracer entirely instead of paying for a span the sampler would drop.
 * <p>
 * Quarkus routes every Vert.x tracer call through one delegator whose target it sets while starting; this wraps that
 * target once start-up is done. With the SDK disabled there is no target and nothing to wrap.
 */
@ApplicationScoped
class ReadTracing {

    private static final Logger LOG = Logger.getLogger(ReadTracing.class);

    private final double rootReadRatio;
    private final ReadTraceSampler sampler;

    ReadTracing(CacheConfig config) {
        this.rootReadRatio = config.tracing().rootReadRatio();
        this.sampler = new ReadTraceSampler(rootReadRatio);
    }

    void install(@Observes StartupEvent started) {
        VertxDelegator delegator = InstrumentationRecorder.FACTORY.getVertxTracerDelegator();
        VertxTracer<?, ?> tracer = delegator.getDelegate();
        if (tracer == null || tracer instanceof SampledReads) {
            return;
        }
        delegator.setDelegate(new SampledReads(tracer, sampler));
        LOG.infof("key reads without trace context start a trace at ratio %s", rootReadRatio);
    }

    /** The Vert.x tracer with key reads sampled ahead of it; everything else passes straight through. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    static final class SampledReads implements VertxTracer<Object, Object> {

        private final VertxTracer delegate;
        private final ReadTraceSampler sampler;

        SampledReads(VertxTracer<?, ?> delegate, ReadTraceSampler sampler) {
            this.delegate = delegate;
            this.sampler = sampler;
        }

        @Override
        public <R> Object receiveRequest(Context context, SpanKind kind, TracingPolicy policy, R request,
                String operation, Iterable<Map.Entry<String, String>> headers, TagExtractor<R> tagExtractor) {
            if (request instanceof HttpServerRequest http && !sampler.shouldTrace(http.method().name(), http.path(),
                    http.getHeader("traceparent"), ThreadLocalRandom.current().nextDouble())) {
                return null; // no span, no context: the response end below is skipped too
            }
            return delegate.receiveRequest(context, kind, policy, request, operation, headers, tagExtractor);
        }

        @Override
        public <R> void sendResponse(Context context, R response, Object payload, Throwable failure,
                TagExtractor<R> tagExtractor) {
            if (payload != null) {
                delegate.sendResponse(context, response, payload, failure, tagExtractor);
            }
        }

        /**
         * Quarkus' tracer honours only {@code IGNORE}; this gives {@code PROPAGATE} its Vert.x meaning (a client span
         * only inside a trace), so the Redis GET of an untraced read does not start a trace of its own.
         */
        @Override
        public <R> Object sendRequest(Context context, SpanKind kind, TracingPolicy policy, R request, String operation,
                BiConsumer<String, String> headers, TagExtractor<R> tagExtractor) {
            if (policy == TracingPolicy.PROPAGATE && !insideATrace(context)) {
                return null;
            }
            return delegate.sendRequest(context, kind, policy, request, operation, headers, tagExtractor);
        }

        @Override
        public <R> void receiveResponse(Context context, R response, Object payload, Throwable failure,
                TagExtractor<R> tagExtractor) {
            if (payload != null) {
                delegate.receiveResponse(context, response, payload, failure, tagExtractor);
            }
        }

        private static boolean insideATrace(Context context) {
            io.opentelemetry.context.Context current = context == null
                    ? null
                    : QuarkusContextStorage.getContext(context);
            Span span = current == null ? Span.current() : Span.fromContext(current);
            return span.getSpanContext().isValid();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
