package io.perfsuite.router.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the PostgreSQL nodes are and how the router talks to them. */
@ConfigMapping(prefix = "router")
public interface RouterConfig {

    /** cache-service takes TTLs that fit a long of nanoseconds. */
    long MAX_TTL_DAYS = 106_751;

    String POSITIVE = "must be a positive duration of at least 1ms (like 250ms, 30s, 5m)";

    Primary primary();

    /** Streaming replicas of the primary; reads fall back to the primary when none is usable. */
    List<@PostgresUri URI> replicas();

    Pool pool();

    Health health();

    Breaker breaker();

    Routing routing();

    Lag lag();

    Consistency consistency();

    Query query();

    Cache cache();

    interface Primary {
        @PostgresUri
        URI uri();

        /** The Retry-After a write gets while the primary is down. */
        @WithDefault("2s")
        @DurationMin(millis = 1, message = POSITIVE)
        @DurationMax(days = 1, message = "must be at most a day")
        Duration retryAfter();
    }

    interface Pool {
        /** Connections per node. */
        @WithDefault("16")
        @Min(1)
        @Max(1000)
        int maxSize();

        /** How long a statement may wait for a free connection before it is refused with 503. */
        @WithDefault("2s")
        @DurationMin(millis = 1, message = POSITIVE)
        @DurationMax(hours = 1, message = "must be at most an hour")
        Duration acquireTimeout();

        Pipelining pipelining();
    }

    /** Autocommit reads sharing a few connections per event loop, several statements in flight on each. */
    interface Pipelining {
        /**
         * Shared connections per event loop and node; 0 gives every read a connection of its own. One is the fastest
         * (the most statements per socket write and per wake-up of the backend); more spread the risk of a slow read.
         */
        @WithDefault("1")
        @Min(0)
        @Max(64)
        int connectionsPerEventLoop();

        /** The most statements in flight on one shared connection. */
        @WithDefault("8")
        @Min(1)
        @Max(256)
        int depth();

        /** A shared connection whose oldest statement has run this long takes no new reads. */
        @WithDefault("20ms")
        @DurationMin(millis = 1, message = POSITIVE)
        @DurationMax(days = 1, message = "must be at most a day")
        Duration stallAfter();
    }

    interface Health {
        /** How long a node may take to answer a probe before it counts as down. */
        @WithDefault("1s")
        @DurationMin(millis = 1, message = POSITIVE)
        @DurationMax(hours = 1, message = "must be at most an hour")
        Duration timeout();
    }

    interface Breaker {
        /** Consecutive failures (failed probes, connections dropped under a query) that take a node out. */
        @WithDefault("1")
        @Min(1)
        int failureThreshold();

        /** How long the first trip keeps a node out; each further trip without recovering in between doubles it. */
        @WithDefault("1s")
        @DurationMin(millis = 1, message = POSITIVE)
        @DurationMax(days = 1, message = "must be at most a day")
        Duration openBase();

        /** The longest a trip keeps a node out. */
        @WithDefault("30s")
        @DurationMin(millis = 1, message = POSITIVE)
        @DurationMax(days = 1, message = "must be at most a day")
        Duration openMax();

        /** Good probes in a row after the backoff that bring the node back. */
        @WithDefault("3")
        @Min(1)
        int halfOpenSuccesses();
    }

    interface Routing {
        /** User functions that only read whatever their volatility: calls to them may run on replicas. */
        Optional<Set<String>> replicaSafeFunctions();

        /** How often function volatility is re-read from pg_proc. */
        @WithDefault("60s")
        @DurationMin(millis = 1, message = POSITIVE)
        @DurationMax(days = 1, message = "must be at most a day")
        Duration catalogRefresh();

        /**
         * The shortest time between two extra reloads of pg_proc for statements calling a function it did not hold
         * (one created since the last load): the first such statement waits for the reload and is routed by it.
         */
        @WithDefault("5s")
        @DurationMin(millis = 1, message = POSITIVE)
        @DurationMax(days = 1, message = "must be at most a day")
        Duration unknownFunctionRefresh();
    }

    interface Lag {
        /** How often every node's WAL position and replay lag are sampled. */
        @WithDefault("100ms")
        @DurationMin(millis = 1, message = POSITIVE)
        @DurationMax(days = 1, message = "must be at most a day")
        Duration interval();

        /** A replica further behind than this many bytes of WAL leaves the rotation until it catches up. */
        @WithDefault("16777216")
        @Min(0)
        long maxBytes();

        /** A replica whose last replayed commit is older than this (while behind) leaves the rotation. */
        @WithDefault("5s")
        @DurationMin(millis = 1, message = POSITIVE)
        @DurationMax(days = 1, message = "must be at most a day")
        Duration max();
    }

    interface Consistency {
        /** The level of a request that names none: eventual, bounded, strong or read-your-writes. */
        @WithDefault("eventual")
        @Pattern(regexp = "eventual|bounded|strong|read-your-writes")
        String defaultLevel();

        /** How long a read-your-writes read waits for a replica to replay its token before using the primary. */
        @WithDefault("200ms")
        @DurationMin(millis = 1, message = POSITIVE)
        @DurationMax(days = 1, message = "must be at most a day")
        Duration rywWait();
    }

    interface Query {
        /** timeoutMs of a request that names none. */
        @WithDefault("5s")
        @DurationMin(millis = 1, message = POSITIVE)
        @DurationMax(days = 1, message = "must be at most a day")
        Duration defaultTimeout();

        /** The largest timeoutMs a request may ask for; also the server-side statement_timeout backstop. */
        @WithDefault("60s")
        @DurationMin(millis = 1, message = POSITIVE)
        @DurationMax(days = 1, message = "must be at most a day")
        Duration maxTimeout();

        /** maxRows of a request that names none, and the largest it may ask for. */
        @WithDefault("10000")
        @Min(1)
        @Max(1000000)
        int maxRows();

        /** The longest SQL text accepted, in characters. */
        @WithDefault("65536")
        @Min(16)
        int maxSqlLength();

        /** Statements slower than this land in the slow-query log. */
        @WithDefault("200ms")
        @DurationMin(millis = 1, message = POSITIVE)
        @DurationMax(days = 1, message = "must be at most a day")
        Duration slowThreshold();

        /** How many slow statements the log keeps. */
        @WithDefault("100")
        @Min(1)
        int slowLogSize();

        /** maxRows of a streamed read (POST /v1/query/stream) that names none, and the largest it may ask for. */
        @WithDefault("10000000")
        @Min(1)
        @Max(2000000000)
        int streamMaxRows();

        /** Rows fetched from the cursor per round trip of a streamed read, written before the next is fetched. */
        @WithDefault("1000")
        @Min(1)
        @Max(100000)
        int streamBatchRows();
    }

    interface Cache {
        /**
         * Result caching through cache-service (its URL: {@code quarkus.rest-client.cache-service.url}). Off, requests
         * with cacheTtl simply run.
         */
        @WithDefault("false")
        boolean enabled();

        /** The cache-service namespace holding query results. */
        @WithDefault("query-router")
        String namespace();

        /** Key for cache-service; it needs the admin role there, because writes invalidate tags. */
        Optional<String> apiKey();

        /** How long a cache lookup or invalidation may take before the router carries on without it. */
        @WithDefault("250ms")
        @DurationMin(millis = 1, message = POSITIVE)
        @DurationMax(hours = 1, message = "must be at most an hour")
        Duration timeout();

        /** Circuit breaker around every call to cache-service (SmallRye Fault Tolerance). */
        CacheBreaker breaker();

        /** The most calls to cache-service in flight at once, and how many more may wait for a slot. */
        CacheBulkhead bulkhead();

        /** The largest cacheTtl a request may ask for. */
        @WithDefault("1h")
        @DurationMin(seconds = 1, message = "must be at least 1s (a request's cacheTtl is in whole seconds)")
        @DurationMax(days = MAX_TTL_DAYS, message = "must be at most " + MAX_TTL_DAYS + " days")
        Duration maxTtl();

        /**
         * Per-table rules by {@code schema.table}: a read whose tables all have a rule is cached without a cacheTtl in
         * the request, for the shortest of their ttls.
         */
        Map<@Pattern(regexp = "[^.]+\\.[^.]+", message = "must be schema.table") String, TableRule> tables();

        /**
         * {@code schema.table} → the tables its triggers or rules write. A write to a table with a trigger or rule
         * that is not declared here drops every cached result.
         */
        Map<@Pattern(regexp = "[^.]+\\.[^.]+", message = "must be schema.table") String, List<@Pattern(regexp = "[^.]+\\.[^.]+", message = "must be schema.table") String>> invalidationDependencies();
    }

    interface CacheBreaker {
        /** How many of the latest calls the failure ratio is taken over (the rolling window). */
        @WithDefault("8")
        @Min(1)
        @Max(10000)
        int requestVolumeThreshold();

        /** The share of failed calls (timeouts, connection errors, 5xx) in the window that opens the breaker. */
        @WithDefault("0.5")
        @DecimalMin(value = "0.0", inclusive = false, message = "must be more than 0")
        @DecimalMax(value = "1.0", message = "must be at most 1")
        double failureRatio();

        /**
         * How long an open breaker turns every call away at once (a lookup is a miss, a store is skipped, an
         * invalidation marks the cache suspect); then one trial call decides: at most one timeout per window.
         */
        @WithDefault("5s")
        @DurationMin(millis = 1, message = POSITIVE)
        @DurationMax(days = 1, message = "must be at most a day")
        Duration delay();

        /** Trial calls that must succeed, one after the other, to close it again. */
        @WithDefault("1")
        @Min(1)
        @Max(100)
        int successThreshold();
    }

    interface CacheBulkhead {
        @WithDefault("64")
        @Min(1)
        @Max(10000)
        int limit();

        @WithDefault("256")
        @Min(1)
        @Max(100000)
        int queueSize();
    }

    interface TableRule {
        /** How long results of reads of this table stay cached. */
        @NotNull
        @DurationMin(millis = 1, message = POSITIVE)
        @DurationMax(days = MAX_TTL_DAYS, message = "must be at most " + MAX_TTL_DAYS + " days")
        Duration ttl();
    }

    /**
     * What a key may do; each role includes the ones before it. Keys are the suite's ({@code perfsuite.auth.api-keys},
     * roles {@code reader}, {@code writer}, {@code admin}, with {@code perfsuite.auth.role-includes} making each include
     * the ones before it).
     */
    enum Role {
        /** Statements that classify as reads, run in READ ONLY transactions wherever they go. */
        READER,
        /** Reads, writes and transactions. */
        WRITER,
        /** Everything, including the slow-query log (which shows other clients' SQL). */
        ADMIN;

        public boolean includes(Role other) {
            return ordinal() >= other.ordinal();
        }

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** The strongest role among a key's roles; a key with none of them is a reader at most. */
        public static Role of(java.util.Set<String> roles) {
            if (roles.contains("admin")) {
                return ADMIN;
            }
            return roles.contains("writer") ? WRITER : READER;
        }
    }
}
