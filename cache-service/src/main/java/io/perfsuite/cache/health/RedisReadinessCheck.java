package io.perfsuite.cache.health;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.perfsuite.cache.coherence.InvalidationListener;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;

/** Readiness follows Redis, the L2 tier every replica shares. */
@Readiness
@ApplicationScoped
public class RedisReadinessCheck implements AsyncHealthCheck {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    private final Redis redis;
    private final InvalidationListener invalidations;

    RedisReadinessCheck(Redis redis, InvalidationListener invalidations) {
        this.redis = redis;
        this.invalidations = invalidations;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        // not coherent only means L1 is bypassed for a moment; the replica still answers correctly from L2
        HealthCheckResponseBuilder response = HealthCheckResponse.named("redis")
                .withData("l1Coherent", invalidations.coherent());
        return redis.send(Request.cmd(Command.PING))
                .ifNoItem().after(TIMEOUT).failWith(() -> new IllegalStateException("no answer within " + TIMEOUT))
                .map(pong -> response.up().build())
                .onFailure().recoverWithItem(failure -> response.down()
                        .withData("error", String.valueOf(failure.getMessage()))
                        .build());
    }
}
