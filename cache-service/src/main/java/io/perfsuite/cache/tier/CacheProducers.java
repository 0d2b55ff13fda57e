package io.perfsuite.cache.tier;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.perfsuite.cache.coherence.InvalidationListener;
import io.perfsuite.cache.config.CacheConfig;
import io.perfsuite.cache.config.NamespaceRegistry;
import io.perfsuite.cache.freshness.XFetch;
import io.perfsuite.cache.hotkeys.HotKeySampler;
import io.perfsuite.cache.namespace.Namespace;
import io.perfsuite.cache.origin.OriginClient;
import io.perfsuite.cache.resilience.CircuitBreaker;
import io.perfsuite.cache.warm.HotKeyRanking;
import io.perfsuite.cache.warm.WarmJobs;
import io.perfsuite.cache.warm.WarmStart;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;

/** Wires the tiers from configuration; the classes themselves stay free of CDI so tests can build them directly. */
@ApplicationScoped
public class CacheProducers {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    RedisKeys redisKeys(CacheConfig config) {
        return new RedisKeys(config.l2().keyPrefix());
    }

    @Produces
    @Singleton
    LocalTier localTier(NamespaceRegistry namespaces, Clock clock, MeterRegistry registry) {
        LocalTier local = new LocalTier(namespaces.all(), clock);
        for (Namespace ns : namespaces.all()) {
            Gauge.builder("cache.l1.entries", local, l -> l.entries(ns.name())).tag("namespace", ns.name()).register(registry);
            Gauge.builder("cache.l1.bytes", local, l -> l.weightedBytes(ns.name())).tag("namespace", ns.name())
                    .baseUnit("bytes").register(registry);
            Gauge.builder("cache.l1.evictions", local, l -> l.evictions(ns.name())).tag("namespace", ns.name())
                    .register(registry);
        }
        return local;
    }

    @Produces
    @Singleton
    TagVersionCache tagVersionCache() {
        return new TagVersionCache();
    }

    @Produces
    @Singleton
    CircuitBreaker redisBreaker(CacheConfig config, MeterRegistry registry) {
        // real time, not the cache's clock: Redis recovers on the wall clock, and a moved cache clock (tests move it
        // to expire entries) must not stretch or skip the cool-down
        Clock clock = Clock.systemUTC();
        CacheConfig.L2 l2 = config.l2();
        if (l2.maxOpenDuration().compareTo(l2.openDuration()) < 0) {
            throw new IllegalStateException("cache.l2.max-open-duration (" + l2.maxOpenDuration()
                    + ") must be at least cache.l2.open-duration (" + l2.openDuration() + ")");
        }
        CircuitBreaker breaker = new CircuitBreaker(new CircuitBreaker.Config(l2.failureThreshold(), l2.openDuration(),
                l2.maxOpenDuration(), Duration.ofSeconds(5)), clock);
        Gauge.builder("cache.redis.available", breaker, b -> b.state() == CircuitBreaker.State.CLOSED ? 1 : 0)
                .register(registry);
        return breaker;
    }

    @Produces
    @Singleton
    RedisNodes redisNodes(Vertx vertx, @ConfigProperty(name = "quarkus.redis.hosts") String hosts,
            @ConfigProperty(name = "quarkus.redis.client-type", defaultValue = "standalone") String clientType,
            @ConfigProperty(name = "quarkus.redis.password") Optional<String> password) {
        List<String> seeds = Arrays.stream(hosts.split(",")).map(String::trim).filter(h -> !h.isEmpty()).toList();
        return new RedisNodes(vertx.getDelegate(), seeds, "cluster".equalsIgnoreCase(clientType), password.orElse(null));
    }

    @Produces
    @Singleton
    RedisTier redisTier(Redis redis, RedisKeys keys, CircuitBreaker breaker, CacheConfig config, RedisNodes nodes,
            Vertx vertx, InvalidationListener listener,
            @ConfigProperty(name = "quarkus.redis.hosts") String hosts,
            @ConfigProperty(name = "quarkus.redis.client-type", defaultValue = "standalone") String clientType) {
        // only a single Redis is one socket per connection: other client types route every command
        String standalone = "standalone".equalsIgnoreCase(clientType) && !hosts.contains(",") ? hosts.trim() : null;
        return new RedisTier(redis, keys, breaker, config.l2().timeout(), nodes, vertx, listener::ownWrites, standalone);
    }

    @Produces
    @Singleton
    InvalidationListener invalidationListener(Vertx vertx, RedisKeys keys, LocalTier local, TagVersionCache tags,
            NamespaceRegistry namespaces, RedisNodes nodes, CacheConfig config) {
        List<String> prefixes = new ArrayList<>();
        namespaces.all().forEach(ns -> prefixes.addAll(keys.trackingPrefixes(ns.name())));
        return new InvalidationListener(vertx.getDelegate(), nodes, prefixes, keys, local, tags,
                config.coherence().keepaliveInterval(), config.coherence().keepaliveTimeout());
    }

    @Produces
    @Singleton
    OriginClient originClient(Vertx vertx, CacheConfig config) {
        return new OriginClient(vertx, config.origin().timeout(), config.origin().maxBodyBytes().asLongValue());
    }

    @Produces
    @Singleton
    CacheMetrics cacheMetrics(MeterRegistry registry) {
        return new CacheMetrics(registry);
    }

    @Produces
    @Singleton
    HotKeySampler hotKeySampler(CacheConfig config) {
        CacheConfig.HotKeys hot = config.hotKeys();
        return new HotKeySampler(hot.sampleRate(), () -> ThreadLocalRandom.current().nextDouble(), hot.tracked());
    }

    @Produces
    @Singleton
    TieredCache tieredCache(LocalTier local, RedisTier redis, TagVersionCache tags, InvalidationListener listener,
            OriginClient origin, Clock clock, CacheMetrics metrics, HotKeySampler hotKeys, MeterRegistry registry) {
        // XFetch wants rand in (0, 1]; ThreadLocalRandom is safe on every event-loop thread
        XFetch xfetch = new XFetch(() -> 1.0 - ThreadLocalRandom.current().nextDouble(), 1.0);
        TieredCache cache = new TieredCache(local, redis, tags, listener::coherent, origin, xfetch, clock, metrics, hotKeys);
        // readiness stays UP through a Redis outage (see RedisReadinessCheck); this is where the outage shows
        Gauge.builder("cache.degraded", () -> !redis.available() || !listener.coherent() ? 1 : 0)
                .description("1 while Redis is unavailable or L1 is bypassed for lack of an invalidation stream")
                .register(registry);
        Gauge.builder("cache.l1.coherent", () -> listener.coherent() ? 1 : 0)
                .description("1 while every invalidation stream is up, so L1 may be served").register(registry);
        FunctionCounter.builder("cache.loads.coalesced", cache.flights(), f -> f.coalesced())
                .description("Readers that waited on another reader's origin load instead of loading").register(registry);
        return cache;
    }

    @Produces
    @Singleton
    HotKeyRanking hotKeyRanking(RedisTier redis, RedisKeys keys, HotKeySampler sampler, CacheConfig config) {
        return new HotKeyRanking(redis, keys, sampler, config.hotKeys().tracked(), config.hotKeys().halfLife());
    }

    @Produces
    @Singleton
    WarmStart warmStart(NamespaceRegistry namespaces, HotKeyRanking ranking, TieredCache cache, Clock clock) {
        return new WarmStart(namespaces.all(), ranking, cache, clock);
    }

    @Produces
    @Singleton
    WarmJobs warmJobs(TieredCache cache, RedisTier redis, RedisKeys keys, ObjectMapper json, Vertx vertx, Clock clock,
            CacheMetrics metrics, CacheConfig config) {
        String replica = Optional.ofNullable(System.getenv("HOSTNAME")).orElse("local");
        return new WarmJobs(cache, redis, keys, json, vertx, clock, metrics, replica, config.warm().concurrency(),
                config.warm().retention());
    }

    void start(@jakarta.enterprise.event.Observes StartupEvent event, InvalidationListener listener, CircuitBreaker breaker,
            LocalTier local, TagVersionCache tags, WarmStart warmStart, HotKeyRanking ranking, HotKeySampler sampler,
            CacheConfig config, Vertx vertx) {
        // a recovered Redis may have changed anything while we wrote to L1 alone
        breaker.onTransition(transition -> {
            if (transition.recovered()) {
                local.flush();
                tags.forgetAll();
            }
        });
        // L1 starts empty at start-up and after every flush: fill it with the keys every replica reads most
        listener.onCoherent(() -> warmStart.run().subscribe().with(report -> {
        }, failure -> {
        }));
        if (sampler.enabled()) {
            vertx.setPeriodic(config.hotKeys().flushInterval().toMillis(),
                    id -> ranking.flush().subscribe().with(ok -> {
                    }, failure -> {
                    }));
        }
        listener.start();
    }

    void stop(@jakarta.enterprise.event.Observes ShutdownEvent event, InvalidationListener listener, RedisTier redis,
            MeterRegistry registry) {
        listener.stop();
        redis.close();
        // the registry outlives an application restarted in the same JVM (dev mode, tests): a gauge registered again
        // would be the old one, still reading this instance's tiers
        List.copyOf(registry.getMeters()).stream().filter(meter -> meter.getId().getName().startsWith("cache."))
                .forEach(registry::remove);
    }
}
