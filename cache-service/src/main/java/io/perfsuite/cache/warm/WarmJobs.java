package io.perfsuite.cache.warm;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.perfsuite.cache.namespace.Namespace;
import io.perfsuite.cache.redaction.Redaction;
import io.perfsuite.cache.tier.CacheMetrics;
import io.perfsuite.cache.tier.RedisKeys;
import io.perfsuite.cache.tier.RedisTier;
import io.perfsuite.cache.tier.TieredCache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * Warm jobs: read a list of keys through the cache in the background, so misses load from the origin into L2 and L1
 * before users ask for them. A key that is already cached is not loaded again, so repeating a warm request is cheap.
 * <p>
 * Progress is kept on the replica running the job and published to a Redis hash, so a progress request answered by
 * any replica behind the Service sees every job.
 */
public class WarmJobs {

    private static final Logger LOG = Logger.getLogger(WarmJobs.class);
    private static final int MAX_FAILURES_LISTED = 20;
    private static final int MAX_JOBS_LISTED = 20;
    private static final long PUBLISH_EVERY_MS = 500;

    public enum State {
        RUNNING, DONE
    }

    public record Failure(String key, String reason) {
    }

    /** A job's progress as shown to users. */
    public record Progress(String id, String namespace, String replica, State state, int requested, int completed,
            int alreadyCached, int loaded, int notFound, int failed, List<Failure> failures, Instant startedAt,
            Instant finishedAt) {
    }

    private final TieredCache cache;
    private final RedisTier redis;
    private final RedisKeys keys;
    private final ObjectMapper json;
    private final Vertx vertx;
    private final Clock clock;
    private final CacheMetrics metrics;
    private final String replica;
    private final int concurrency;
    private final Duration retention;
    private final Map<String, Job> local = new ConcurrentHashMap<>();

    public WarmJobs(TieredCache cache, RedisTier redis, RedisKeys keys, ObjectMapper json, Vertx vertx, Clock clock,
            CacheMetrics metrics, String replica, int concurrency, Duration retention) {
        this.cache = cache;
        this.redis = redis;
        this.keys = keys;
        this.json = json;
        this.vertx = vertx;
        this.clock = clock;
        this.metrics = metrics;
        this.replica = replica;
        this.concurrency = concurrency;
        this.retention = retention;
    }

    /** Starts a job and returns at once with its first progress. */
    public Progress start(Namespace ns, List<String> warmKeys) {
        forgetExpired();
        Job job = new Job(UUID.randomUUID().toString(), ns.name(), warmKeys.size(), clock.instant());
        local.put(job.id, job);
        publish(job);
        long timer = vertx.setPeriodic(PUBLISH_EVERY_MS, id -> publish(job));
        Multi.createFrom().iterable(warmKeys)
                .onItem().transformToUni(key -> warmOne(ns, key, job))
                .merge(concurrency)
                .collect().last()
                .subscribe().with(done -> finish(job, timer), failure -> finish(job, timer));
        return job.progress();
    }

    private Uni<Void> warmOne(Namespace ns, String key, Job job) {
        return cache.get(ns, key, false)
                .invoke(lookup -> {
                    if (lookup.entry().isEmpty()) {
                        job.notFound.incrementAndGet();
                        metrics.warmed(ns.name(), "not-found");
                    } else if (lookup.tier() == TieredCache.Tier.ORIGIN) {
                        job.loaded.incrementAndGet();
                        metrics.warmed(ns.name(), "loaded");
                    } else {
                        job.alreadyCached.incrementAndGet();
                        metrics.warmed(ns.name(), "already-cached");
                    }
                })
                .onFailure().invoke(failure -> {
                    job.failed.incrementAndGet();
                    metrics.warmed(ns.name(), "failed");
                    if (job.failures.size() < MAX_FAILURES_LISTED) {
                        job.failures.add(new Failure(key, Redaction.redact(String.valueOf(failure.getMessage()))));
                    }
                })
                .onFailure().recoverWithNull()
                .invoke(() -> job.completed.incrementAndGet())
                .replaceWithVoid();
    }

    private void finish(Job job, long timer) {
        vertx.cancelTimer(timer);
        job.finishedAt = clock.instant();
        publish(job);
        LOG.infof("warm job %s on %s done: %s", job.id, job.namespace, job.progress());
    }

    /** The namespace's recent jobs from every replica, newest first. */
    public Uni<List<Progress>> list(Namespace ns) {
        forgetExpired();
        return redis.send(Request.cmd(Command.HGETALL).arg(keys.warmJobs(ns.name())))
                .map(this::parse)
                .onFailure().recoverWithItem(Map::of)
                .map(shared -> {
                    Map<String, Progress> all = new LinkedHashMap<>(shared);
                    // this replica's own jobs are newer than what it last published
                    local.values().stream().filter(job -> job.namespace.equals(ns.name()))
                            .forEach(job -> all.put(job.id, job.progress()));
                    return all.values().stream()
                            .sorted(Comparator.comparing(Progress::startedAt).reversed())
                            .limit(MAX_JOBS_LISTED)
                            .toList();
                });
    }

    private Map<String, Progress> parse(Response hash) {
        Map<String, Progress> jobs = new LinkedHashMap<>();
        if (hash == null) {
            return jobs;
        }
        for (String id : hash.getKeys()) {
            try {
                jobs.put(id, json.readValue(hash.get(id).toString(), Progress.class));
            } catch (JsonProcessingException e) {
                LOG.debugf("ignoring unreadable warm job %s: %s", id, e.getMessage());
            }
        }
        return jobs;
    }

    private void publish(Job job) {
        String key = keys.warmJobs(job.namespace);
        String progress;
        try {
            progress = json.writeValueAsString(job.progress());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        redis.batch(List.of(Request.cmd(Command.HSET).arg(key).arg(job.id).arg(progress),
                Request.cmd(Command.PEXPIRE).arg(key).arg(retention.toMillis())))
                .subscribe().with(ok -> {
                }, failure -> LOG.debugf("warm job %s progress not shared: %s", job.id,
                        Redaction.redact(failure.getMessage())));
    }

    private void forgetExpired() {
        Instant horizon = clock.instant().minus(retention);
        local.values().removeIf(job -> job.finishedAt != null && job.finishedAt.isBefore(horizon));
    }

    private final class Job {
        final String id;
        final String namespace;
        final int requested;
        final Instant startedAt;
        final AtomicInteger completed = new AtomicInteger();
        final AtomicInteger alreadyCached = new AtomicInteger();
        final AtomicInteger loaded = new AtomicInteger();
        final AtomicInteger notFound = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final List<Failure> failures = new CopyOnWriteArrayList<>();
        volatile Instant finishedAt;

        Job(String id, String namespace, int requested, Instant startedAt) {
            this.id = id;
            this.namespace = namespace;
            this.requested = requested;
            this.startedAt = startedAt;
        }

        Progress progress() {
            return new Progress(id, namespace, replica, finishedAt == null ? State.RUNNING : State.DONE, requested,
                    completed.get(), alreadyCached.get(), loaded.get(), notFound.get(), failed.get(),
                    new ArrayList<>(failures), startedAt, finishedAt);
        }
    }
}
