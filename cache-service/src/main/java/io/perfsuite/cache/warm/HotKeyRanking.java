package io.perfsuite.cache.warm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;

import io.perfsuite.cache.hotkeys.HotKeySampler;
import io.perfsuite.cache.redaction.Redaction;
import io.perfsuite.cache.tier.RedisKeys;
import io.perfsuite.cache.tier.RedisTier;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * The hot-key ranking shared by all replicas: one sorted set per namespace in Redis, fed with the sampled read counts
 * of every replica, trimmed to the most-read keys, and aged by halving every score once per half-life.
 */
public class HotKeyRanking {

    private static final Logger LOG = Logger.getLogger(HotKeyRanking.class);

    private final RedisTier redis;
    private final RedisKeys keys;
    private final HotKeySampler sampler;
    private final int tracked;
    private final Duration halfLife;

    public HotKeyRanking(RedisTier redis, RedisKeys keys, HotKeySampler sampler, int tracked, Duration halfLife) {
        this.redis = redis;
        this.keys = keys;
        this.sampler = sampler;
        this.tracked = tracked;
        this.halfLife = halfLife;
    }

    /** Sends the samples gathered since the last flush. Samples are dropped if Redis is down: they are only hints. */
    public Uni<Void> flush() {
        Map<String, Map<String, Long>> drained = sampler.drain();
        if (drained.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(drained.entrySet())
                .onItem().transformToUniAndConcatenate(e -> flush(e.getKey(), e.getValue())
                        .onFailure()
                        .invoke(f -> LOG.debugf("hot keys of %s not recorded: %s", e.getKey(),
                                Redaction.redact(f.getMessage())))
                        .onFailure().recoverWithNull())
                .collect().last().replaceWithVoid();
    }

    private Uni<Void> flush(String namespace, Map<String, Long> counts) {
        String ranking = keys.hotKeys(namespace);
        List<Request> requests = new ArrayList<>(counts.size() + 1);
        counts.forEach((key, count) -> requests.add(Request.cmd(Command.ZINCRBY).arg(ranking).arg(count).arg(key)));
        requests.add(Request.cmd(Command.ZREMRANGEBYRANK).arg(ranking).arg(0).arg(-(tracked + 1)));
        return redis.batch(requests).chain(() -> decayIfDue(namespace));
    }

    private Uni<Void> decayIfDue(String namespace) {
        Request claim = Request.cmd(Command.SET).arg(keys.hotKeysDecay(namespace)).arg("1").arg("NX").arg("PX")
                .arg(halfLife.toMillis());
        return redis.send(claim).chain(claimed -> {
            if (claimed == null) {
                return Uni.createFrom().voidItem();
            }
            String ranking = keys.hotKeys(namespace);
            return redis.send(Request.cmd(Command.ZUNIONSTORE).arg(ranking).arg(1).arg(ranking).arg("WEIGHTS").arg("0.5"))
                    .replaceWithVoid();
        });
    }

    /** The namespace's {@code limit} most-read keys, hottest first. */
    public Uni<List<String>> hottest(String namespace, int limit) {
        if (limit <= 0) {
            return Uni.createFrom().item(List.of());
        }
        return redis.send(Request.cmd(Command.ZRANGE).arg(keys.hotKeys(namespace)).arg(0).arg(limit - 1).arg("REV"))
                .map(found -> {
                    List<String> hottest = new ArrayList<>();
                    if (found != null) {
                        for (Response key : found) {
                            hottest.add(key.toString());
                        }
                    }
                    return hottest;
                });
    }
}
