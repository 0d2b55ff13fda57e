package io.perfsuite.cache.health;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.perfsuite.cache.coherence.InvalidationListener;
import io.perfsuite.cache.config.NamespaceRegistry;
import io.perfsuite.cache.namespace.Namespace;
import io.perfsuite.cache.redaction.Redaction;
import io.perfsuite.cache.tiering.ServingReadiness;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;

/**
 * Readiness follows what the replica can serve ({@link ServingReadiness}), not Redis alone: an outage keeps the
 * replica serving L1, and shows in the data ({@code degraded}, {@code redis}, {@code serving}) and in the
 * {@code cache_degraded} gauge instead.
 */
@Readiness
@ApplicationScoped
public class RedisReadinessCheck implements AsyncHealthCheck {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    private final Redis redis;
    private final InvalidationListener invalidations;
    private final boolean anyReadThrough;

    RedisReadinessCheck(Redis redis, InvalidationListener invalidations, NamespaceRegistry namespaces) {
        this.redis = redis;
        this.invalidations = invalidations;
        this.anyReadThrough = namespaces.all().stream().anyMatch(Namespace::readThrough);
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return redis.send(Request.cmd(Command.PING))
                .ifNoItem().after(TIMEOUT).failWith(() -> new IllegalStateException("no answer within " + TIMEOUT))
                .map(pong -> answer(true, null))
                .onFailure().recoverWithItem(failure -> answer(false, failure));
    }

    private HealthCheckResponse answer(boolean redisAnswers, Throwable failure) {
        boolean coherent = invalidations.coherent();
        ServingReadiness readiness = ServingReadiness.of(redisAnswers, coherent, invalidations.everCoherent(),
                anyReadThrough);
        HealthCheckResponseBuilder response = HealthCheckResponse.named("cache")
                .status(readiness.ready())
                .withData("degraded", readiness.degraded())
                .withData("serving", readiness.serving())
                .withData("redis", redisAnswers ? "UP" : "DOWN")
                .withData("l1Coherent", coherent);
        if (failure != null) {
            response.withData("error", Redaction.redact(String.valueOf(failure.getMessage())));
        }
        return response.build();
    }
}
