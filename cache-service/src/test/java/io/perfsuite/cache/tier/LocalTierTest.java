package io.perfsuite.cache.tier;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.perfsuite.cache.entry.CacheEntry;
import io.perfsuite.cache.freshness.FreshnessPolicy;
import io.perfsuite.cache.namespace.Namespace;
import io.perfsuite.cache.namespace.TtlPolicy;
import io.perfsuite.cache.namespace.WriteMode;

/** The epoch rules that keep L1 from holding a value older than a write this replica acknowledged or saw. */
class LocalTierTest {

    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
    private static final String NS = "ns";

    private final LocalTier local = new LocalTier(List.of(new Namespace(NS,
            new FreshnessPolicy(new TtlPolicy(Duration.ofMinutes(5), Duration.ofHours(1)), Duration.ZERO, Duration.ZERO),
            1 << 20, 1024, Optional.empty(),
            Duration.ofSeconds(5), true, WriteMode.THROUGH, 0)), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void shouldKeepAnOwnWriteWhenNothingWasInvalidatedMeanwhile() {
        long atWrite = local.invalidate(NS, "k");

        assertThat(local.fillOwnWrite(NS, "k", entry("v1"), atWrite)).isTrue();

        assertThat(value("k")).isEqualTo("v1");
    }

    @Test
    void shouldDropTheKeyWhenAnInvalidationArrivedDuringTheWrite() {
        long atWrite = local.invalidate(NS, "k");
        // a reader that started after the write began filled the old value, then another write was announced
        local.fill(NS, "k", entry("v0"), local.epoch(NS));
        local.invalidate(NS, "other");

        assertThat(local.fillOwnWrite(NS, "k", entry("v1"), atWrite)).isFalse();

        assertThat(local.get(NS, "k")).isNull();
    }

    @Test
    void shouldRefuseAReadersFillOfTheOldValueThatFinishesAfterTheOwnWrite() {
        long atWrite = local.invalidate(NS, "k");
        long readerStarted = local.epoch(NS); // the reader fetched v0 from L2 before the write ran there
        local.fillOwnWrite(NS, "k", entry("v1"), atWrite);

        assertThat(local.fill(NS, "k", entry("v0"), readerStarted)).isFalse();

        assertThat(value("k")).isEqualTo("v1");
    }

    @Test
    void shouldDropTheOldCopyAsSoonAsAWriteBegins() {
        local.put(NS, "k", entry("v0"));

        local.invalidate(NS, "k");

        assertThat(local.get(NS, "k")).isNull();
    }

    private String value(String key) {
        return new String(local.get(NS, key).value(), StandardCharsets.UTF_8);
    }

    private static CacheEntry entry(String value) {
        return CacheEntry.builder(value.getBytes(StandardCharsets.UTF_8), "text/plain", NOW)
                .freshUntil(NOW.plusSeconds(60)).build();
    }
}
