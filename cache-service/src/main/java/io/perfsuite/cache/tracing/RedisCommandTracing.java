package io.perfsuite.cache.tracing;

import jakarta.inject.Singleton;

import io.quarkus.redis.client.RedisOptionsCustomizer;
import io.vertx.core.tracing.TracingPolicy;
import io.vertx.redis.client.RedisOptions;

/**
 * Redis commands get a span only inside a trace that is already going: the command of a traced request, never a trace
 * of its own. Otherwise every untraced read's L2 GET, and every background command (hot-key flushes, tag-version
 * checks, health pings), would start a one-span trace.
 */
@Singleton
class RedisCommandTracing implements RedisOptionsCustomizer {

    @Override
    public void customize(String clientName, RedisOptions options) {
        options.setTracingPolicy(TracingPolicy.PROPAGATE);
    }
}
