package io.perfsuite.cache.entry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CacheEntryTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private static CacheEntry.Builder entry(String value) {
        return CacheEntry.builder(value.getBytes(StandardCharsets.UTF_8), "text/plain", T0)
                .freshUntil(T0.plusSeconds(60));
    }

    @Test
    void shouldComputeStrongQuotedEtagFromValueWhenNoneGiven() {
        CacheEntry e = entry("hello").build();

        assertThat(e.etag()).matches("\"[A-Za-z0-9_-]{22}\"");
        assertThat(e.etag()).isEqualTo(StrongETag.of("hello".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void shouldGiveDifferentEtagsForDifferentValuesAndSameEtagForSameBytes() {
        assertThat(entry("a").build().etag()).isNotEqualTo(entry("b").build().etag());
        assertThat(entry("a").build().etag())
                .isEqualTo(CacheEntry.builder("a".getBytes(StandardCharsets.UTF_8), "application/json", T0)
                        .freshUntil(T0).build().etag());
    }

    @Test
    void shouldKeepGivenEtagInsteadOfRehashing() {
        assertThat(entry("a").etag("\"given\"").build().etag()).isEqualTo("\"given\"");
    }

    @Test
    void shouldBeEqualWhenArrayContentsAreEqual() {
        CacheEntry a = entry("same").build();
        CacheEntry b = entry("same").build();

        assertThat(a.value()).isNotSameAs(b.value());
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(entry("other").build());
    }

    @Test
    void shouldDefaultStaleWindowsToFreshUntilAndComputeTimeToZero() {
        CacheEntry e = entry("v").build();

        assertThat(e.staleUntil()).isEqualTo(e.freshUntil());
        assertThat(e.staleIfErrorUntil()).isEqualTo(e.freshUntil());
        assertThat(e.computeTime()).isZero();
        assertThat(e.tagVersions()).isEmpty();
    }

    @Test
    void shouldRejectStaleWindowsEndingBeforeFreshness() {
        assertThatThrownBy(() -> entry("v").staleUntil(T0.plusSeconds(59)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("staleUntil");
        assertThatThrownBy(() -> entry("v").staleIfErrorUntil(T0.plusSeconds(59)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("staleIfErrorUntil");
        assertThatThrownBy(() -> entry("v").freshUntil(T0.minusSeconds(1)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("freshUntil");
    }

    @Test
    void shouldRejectNegativeComputeTime() {
        assertThatThrownBy(() -> entry("v").computeTime(Duration.ofMillis(-1)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("computeTime");
    }

    @Test
    void shouldCopyTagVersionsSoLaterChangesDoNotLeakIn() {
        Map<String, Long> tags = new HashMap<>(Map.of("user:1", 3L));
        CacheEntry e = entry("v").tagVersions(tags).build();
        tags.put("user:2", 1L);

        assertThat(e.tagVersions()).containsOnlyKeys("user:1");
        assertThatThrownBy(() -> e.tagVersions().put("x", 1L)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void shouldWeighValueContentTypeTagsAndOverhead() {
        CacheEntry plain = CacheEntry.builder(new byte[1000], "text/plain", T0).freshUntil(T0).build();
        CacheEntry tagged = CacheEntry.builder(new byte[1000], "text/plain", T0).freshUntil(T0)
                .tagVersions(Map.of("abcd", 1L)).build();

        assertThat(plain.weight()).isEqualTo(1000 + "text/plain".length() + plain.etag().length()
                + CacheEntry.FIXED_OVERHEAD_BYTES);
        assertThat(tagged.weight() - plain.weight()).isEqualTo(CacheEntry.PER_TAG_OVERHEAD_BYTES + 4);
    }

    @Test
    void shouldReportAgeAndRemainingTtlNeverNegative() {
        CacheEntry e = entry("v").build();

        assertThat(e.age(T0.plusSeconds(10))).isEqualTo(Duration.ofSeconds(10));
        assertThat(e.ttl(T0.plusSeconds(10))).isEqualTo(Duration.ofSeconds(50));
        assertThat(e.age(T0.minusSeconds(1))).isZero();
        assertThat(e.ttl(T0.plusSeconds(61))).isZero();
    }

    @Test
    void shouldRetainUntilTheLaterStaleWindow() {
        CacheEntry e = entry("v").staleUntil(T0.plusSeconds(70)).staleIfErrorUntil(T0.plusSeconds(90)).build();

        assertThat(e.retainUntil()).isEqualTo(T0.plusSeconds(90));
    }

    @Test
    void shouldNotDumpValueBytesInToString() {
        assertThat(entry("secret").build().toString()).contains("6 bytes").doesNotContain("secret");
    }
}
