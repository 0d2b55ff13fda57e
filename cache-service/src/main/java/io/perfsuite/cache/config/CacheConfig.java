package io.perfsuite.cache.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;

import io.perfsuite.cache.namespace.WriteMode;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Typed configuration of the cache. Validated when the application starts, so a bad value stops the service with the
 * property's name instead of failing on the first request.
 */
@ConfigMapping(prefix = "cache")
public interface CacheConfig {

    /** Namespaces by name; a request to any other namespace is a 404. */
    @NotEmpty
    Map<@Pattern(regexp = "[a-z0-9][a-z0-9_-]{0,63}", message = "namespace names are 1-64 of [a-z0-9_-]") String, Namespace> namespaces();

    L2 l2();

    Limits limits();

    HotKeys hotKeys();

    Warm warm();

    Tracing tracing();

    Origin origin();

    Coherence coherence();

    interface Namespace {
        /** TTL when a writer gives none. */
        @WithDefault("5m")
        @ValidDuration
        Duration defaultTtl();

        /** No entry of the namespace lives longer than this, whatever the writer or the origin asks. */
        @WithDefault("1h")
        @ValidDuration
        Duration maxTtl();

        /** This namespace's share of the in-process tier, weighed in bytes of keys and values. */
        @WithDefault("16M")
        @MinBytes(64 * 1024)
        MemorySize l1MaxBytes();

        /** Values longer than this are LZ4-compressed in Redis (only when that shrinks them). */
        @WithDefault("1K")
        MemorySize compressionThreshold();

        /** Origin URL template for read-through, e.g. {@code http://catalog/items/{key}}. */
        Optional<@Pattern(regexp = "https?://.+\\{key}.*", message = "must be an http(s) URL containing {key}") String> origin();

        /** Serve a stale value while one background load refreshes it, for this long after expiry. */
        @WithDefault("0s")
        @ValidDuration(zeroAllowed = true)
        Duration staleWhileRevalidate();

        /** Serve a stale value when the origin fails, for this long after expiry. */
        @WithDefault("0s")
        @ValidDuration(zeroAllowed = true)
        Duration staleIfError();

        /** How long an origin 404 is remembered. */
        @WithDefault("5s")
        @ValidDuration
        Duration negativeTtl();

        /** Reads without an API key. */
        @WithDefault("false")
        boolean publicRead();

        /** {@code through}: writes fill this replica's L1 too; {@code around}: Redis only, L1 fills on read. */
        @WithDefault("through")
        WriteMode writeMode();

        /** How many of the namespace's hottest keys a starting replica loads from Redis into L1 (0: none). */
        @WithDefault("1000")
        @Min(0)
        @Max(100_000)
        int warmStartKeys();
    }

    /** Read-through loads from the namespaces' origins. */
    interface Origin {
        /** An origin answer longer than this is refused (502) and never cached; the body is read in memory. */
        @WithDefault("8M")
        @MinBytes(1)
        MemorySize maxBodyBytes();

        /** Connect and response timeout of one origin load. */
        @WithDefault("5s")
        @ValidDuration
        Duration timeout();
    }

    /** The invalidation streams that keep L1 coherent. */
    interface Coherence {
        /** A tracking connection silent this long gets a PING. */
        @WithDefault("5s")
        @ValidDuration
        Duration keepaliveInterval();

        /**
         * A PING unanswered this long means the stream is dead (a partition that closed nothing): L1 stops being
         * trusted, the connection is dropped and the stream resubscribed, which flushes L1.
         */
        @WithDefault("2s")
        @ValidDuration
        Duration keepaliveTimeout();
    }

    /** What the service traces beyond what {@code quarkus.otel.*} configures. */
    interface Tracing {
        /**
         * Share of key reads arriving without a W3C trace context that start a trace. Reads carrying a
         * {@code traceparent} always continue their caller's trace; other endpoints are always traced.
         */
        @WithDefault("0.01")
        @DecimalMin("0.0")
        @DecimalMax("1.0")
        double rootReadRatio();
    }

    /** Sampling of reads into a per-namespace hot-key ranking in Redis, which warm start reads. */
    interface HotKeys {
        /** Fraction of reads that count towards the ranking; 0 turns tracking off. */
        @WithDefault("0.02")
        @DecimalMin("0.0")
        @DecimalMax("1.0")
        double sampleRate();

        /** Sampled reads are sent to Redis in one batch this often. */
        @WithDefault("5s")
        @ValidDuration
        Duration flushInterval();

        /** The ranking keeps at most this many keys per namespace. */
        @WithDefault("10000")
        @Min(10)
        int tracked();

        /** Scores halve this often, so yesterday's hot keys make room for today's. */
        @WithDefault("1h")
        @ValidDuration
        Duration halfLife();
    }

    interface Warm {
        /** Origin loads a warm job keeps in flight at once. */
        @WithDefault("8")
        @Min(1)
        @Max(256)
        int concurrency();

        /** How long a finished warm job's progress stays visible. */
        @WithDefault("1h")
        @ValidDuration
        Duration retention();
    }

    interface L2 {
        /** Every Redis key this service writes starts with this, so one Redis can serve several suites. */
        @WithDefault("ps")
        @Pattern(regexp = "[A-Za-z0-9_-]{1,16}", message = "must be 1-16 of [A-Za-z0-9_-]")
        String keyPrefix();

        /** A Redis call slower than this counts as a failure for the circuit breaker. */
        @WithDefault("500ms")
        @ValidDuration
        Duration timeout();

        /** Consecutive failures that open the circuit. */
        @WithDefault("3")
        @Min(1)
        @Max(100)
        int failureThreshold();

        /** First open period; it doubles on each failed probe up to {@code max-open-duration}. */
        @WithDefault("1s")
        @ValidDuration
        Duration openDuration();

        @WithDefault("30s")
        @ValidDuration
        Duration maxOpenDuration();
    }

    interface Limits {
        @WithDefault("512")
        @Min(1)
        @Max(65536)
        int maxKeyBytes();

        @WithDefault("1M")
        @MinBytes(1)
        MemorySize maxValueBytes();

        /** Most keys or entries in one batch request. */
        @WithDefault("1000")
        @Min(1)
        int maxBatch();
    }
}
