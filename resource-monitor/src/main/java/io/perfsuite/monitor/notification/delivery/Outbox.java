package io.perfsuite.monitor.notification.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.perfsuite.monitor.config.MonitorConfig;
import io.perfsuite.monitor.notification.Delivery;
import io.perfsuite.monitor.notification.DispatchState;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.sortedset.ScoreRange;
import io.quarkus.redis.datasource.sortedset.ZRangeArgs;
import io.quarkus.redis.datasource.transactions.OptimisticLockingTransactionResult;

/**
 * The durable outbox in Redis. The dispatcher's state and the deliveries it decided are written in one
 * {@code MULTI}/{@code EXEC} guarded by {@code WATCH} on the state, so a decision is stored whole or not at all, and two
 * instances deciding at once store it once. Each delivery is claimed with a lease ({@code SET NX PX}) before it is
 * posted and marked delivered by id after a 2xx, so a restart, or a second instance over the same Redis, does not
 * post it again. Keys: {@code <prefix>dispatch}, {@code outbox:items} (hash), {@code outbox:due} (sorted by next
 * attempt), {@code outbox:lease:<id>}, {@code outbox:delivered}, {@code outbox:dead}.
 */
@ApplicationScoped
public class Outbox {

    private static final Duration DELIVERED_MEMORY = Duration.ofDays(1);

    private final RedisDataSource redis;
    private final ObjectMapper json;
    private final String stateKey;
    private final String items;
    private final String due;
    private final String leasePrefix;
    private final String delivered;
    private final String dead;

    Outbox(RedisDataSource redis, ObjectMapper json, MonitorConfig config) {
        this.redis = redis;
        this.json = json;
        String prefix = config.notifications().delivery().keyPrefix();
        this.stateKey = prefix + "dispatch";
        this.items = prefix + "outbox:items";
        this.due = prefix + "outbox:due";
        this.leasePrefix = prefix + "outbox:lease:";
        this.delivered = prefix + "outbox:delivered";
        this.dead = prefix + "outbox:dead";
    }

    /** What a dispatch decided: the next state and the deliveries to make. */
    public record Decision(DispatchState state, List<Delivery> deliveries) {
    }

    /**
     * Reads the dispatch state, lets {@code decide} compute from it, and stores the new state with the deliveries
     * atomically; retried when another instance stored first.
     *
     * @return the deliveries enqueued (none when the decision was discarded every try)
     */
    public List<Delivery> decide(Function<DispatchState, Decision> decide) {
        for (int attempt = 0; attempt < 3; attempt++) {
            OptimisticLockingTransactionResult<Decision> result = redis.withTransaction(ds -> {
                String text = ds.value(String.class).get(stateKey);
                DispatchState state = text == null ? DispatchState.empty() : read(text, DispatchState.class);
                Decision decision = decide.apply(state);
                List<Delivery> fresh = new ArrayList<>();
                for (Delivery delivery : decision.deliveries()) {
                    if (ds.sortedSet(String.class).zscore(delivered, delivery.id()).isEmpty()) {
                        fresh.add(delivery);
                    }
                }
                return new Decision(decision.state(), fresh);
            }, (decision, tx) -> {
                tx.value(String.class).set(stateKey, write(decision.state()));
                for (Delivery delivery : decision.deliveries()) {
                    tx.hash(String.class).hsetnx(items, delivery.id(), write(delivery));
                    tx.sortedSet(String.class).zadd(due, delivery.nextAttemptAt().toEpochMilli(), delivery.id());
                }
            }, stateKey);
            if (!result.discarded()) {
                return result.getPreTransactionResult().deliveries();
            }
        }
        return List.of();
    }

    /** Ids whose next attempt is due, oldest first. */
    public List<String> dueIds(Instant now, int limit) {
        return redis.sortedSet(String.class).zrangebyscore(due, new ScoreRange<>(Double.NEGATIVE_INFINITY,
                (double) now.toEpochMilli()), new ZRangeArgs().limit(0, limit));
    }

    /** Claims a delivery for {@code lease}; empty when another holder has it or it is no longer pending. */
    public Optional<Delivery> claim(String id, String owner, Duration lease) {
        var claimed = redis.execute("SET", leasePrefix + id, owner, "NX", "PX", Long.toString(lease.toMillis()));
        if (claimed == null) {
            return Optional.empty();
        }
        String text = redis.hash(String.class).hget(items, id);
        if (text == null) {
            redis.sortedSet(String.class).zrem(due, id);
            release(id, owner);
            return Optional.empty();
        }
        return Optional.of(read(text, Delivery.class));
    }

    public void markDelivered(Delivery delivery, Instant at, String owner) {
        redis.withTransaction(tx -> {
            tx.sortedSet(String.class).zadd(delivered, at.toEpochMilli(), delivery.id());
            tx.hash(String.class).hdel(items, delivery.id());
            tx.sortedSet(String.class).zrem(due, delivery.id());
            tx.sortedSet(String.class).zremrangebyscore(delivered,
                    new ScoreRange<>(Double.NEGATIVE_INFINITY, (double) at.minus(DELIVERED_MEMORY).toEpochMilli()));
        });
        release(delivery.id(), owner);
    }

    public void reschedule(Delivery updated, String owner) {
        redis.withTransaction(tx -> {
            tx.hash(String.class).hset(items, updated.id(), write(updated));
            tx.sortedSet(String.class).zadd(due, updated.nextAttemptAt().toEpochMilli(), updated.id());
        });
        release(updated.id(), owner);
    }

    public void giveUp(Delivery updated, String owner) {
        redis.withTransaction(tx -> {
            tx.hash(String.class).hset(dead, updated.id(), write(updated));
            tx.hash(String.class).hdel(items, updated.id());
            tx.sortedSet(String.class).zrem(due, updated.id());
        });
        release(updated.id(), owner);
    }

    public long pending() {
        return redis.hash(String.class).hlen(items);
    }

    public long deadCount() {
        return redis.hash(String.class).hlen(dead);
    }

    /** Only the holder releases its lease; an expired lease taken over by another stays theirs. */
    private void release(String id, String owner) {
        redis.execute("EVAL", "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0",
                "1", leasePrefix + id, owner);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable outbox entry: " + e.getMessage(), e);
        }
    }
}
