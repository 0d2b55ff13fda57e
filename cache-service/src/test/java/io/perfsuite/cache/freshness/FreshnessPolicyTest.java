package io.perfsuite.cache.freshness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.perfsuite.cache.entry.CacheEntry;
import io.perfsuite.cache.namespace.TtlPolicy;

class FreshnessPolicyTest {

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private final FreshnessPolicy policy = new FreshnessPolicy(
            new TtlPolicy(Duration.ofMinutes(5), Duration.ofHours(1)), Duration.ofSeconds(30), Duration.ofMinutes(10));

    private static Lifetime lifetime(long fresh, long swr, long sie) {
        Instant freshUntil = NOW.plusSeconds(fresh);
        return new Lifetime(freshUntil, freshUntil.plusSeconds(swr), freshUntil.plusSeconds(sie));
    }

    @Test
    void shouldUseNamespaceDefaultsWithoutOriginDirectives() {
        assertThat(policy.forOriginResponse(NOW, CacheControl.NONE)).contains(lifetime(300, 30, 600));
    }

    @Test
    void shouldUseDefaultsAndRequestedTtlForWrites() {
        assertThat(policy.forWrite(NOW, Optional.empty())).isEqualTo(lifetime(300, 30, 600));
        assertThat(policy.forWrite(NOW, Optional.of(Duration.ofSeconds(20)))).isEqualTo(lifetime(20, 30, 600));
        assertThat(policy.forWrite(NOW, Optional.of(Duration.ofDays(1)))).isEqualTo(lifetime(3600, 30, 600));
    }

    @Test
    void shouldLetOriginDirectivesWinOverDefaults() {
        CacheControl cc = CacheControl.parse("max-age=90, stale-while-revalidate=5, stale-if-error=40");

        assertThat(policy.forOriginResponse(NOW, cc)).contains(lifetime(90, 5, 40));
    }

    @Test
    void shouldCapEveryOriginDurationAtMaxTtl() {
        CacheControl cc = CacheControl.parse("max-age=86400, stale-while-revalidate=86400, stale-if-error=86400");

        assertThat(policy.forOriginResponse(NOW, cc)).contains(lifetime(3600, 3600, 3600));
    }

    @Test
    void shouldCapDefaultWindowsAtMaxTtl() {
        FreshnessPolicy wide = new FreshnessPolicy(new TtlPolicy(Duration.ofMinutes(1), Duration.ofMinutes(2)),
                Duration.ofHours(1), Duration.ofDays(1));

        assertThat(wide.forWrite(NOW, Optional.empty())).isEqualTo(lifetime(60, 120, 120));
    }

    @Test
    void shouldStoreZeroMaxAgeThatStillHasStaleWindows() {
        CacheControl cc = CacheControl.parse("max-age=0, stale-while-revalidate=60");

        assertThat(policy.forOriginResponse(NOW, cc)).contains(lifetime(0, 60, 600));
    }

    @Test
    void shouldDropDefaultStaleWindowsButKeepExplicitOnesUnderMustRevalidate() {
        assertThat(policy.forOriginResponse(NOW, CacheControl.parse("max-age=60, must-revalidate")))
                .contains(lifetime(60, 0, 0));
        assertThat(policy.forOriginResponse(NOW, CacheControl.parse("max-age=60, must-revalidate, stale-if-error=9")))
                .contains(lifetime(60, 0, 9));
    }

    @Test
    void shouldNotStoreWhatIsAlreadyExpiredWhenStored() {
        assertThat(policy.forOriginResponse(NOW, CacheControl.parse("max-age=0, must-revalidate"))).isEmpty();
    }

    @Test
    void shouldNotStoreNoStorePrivateOrNoCacheResponses() {
        assertThat(policy.forOriginResponse(NOW, CacheControl.parse("no-store, max-age=60"))).isEmpty();
        assertThat(policy.forOriginResponse(NOW, CacheControl.parse("private, max-age=60"))).isEmpty();
        assertThat(policy.forOriginResponse(NOW, CacheControl.parse("no-cache"))).isEmpty();
    }

    @Test
    void shouldApplyLifetimeToAnEntryBuilder() {
        Lifetime l = lifetime(10, 20, 30);

        CacheEntry e = l.applyTo(CacheEntry.builder(new byte[0], "x", NOW)).build();

        assertThat(e.freshUntil()).isEqualTo(l.freshUntil());
        assertThat(e.staleUntil()).isEqualTo(l.staleUntil());
        assertThat(e.staleIfErrorUntil()).isEqualTo(l.staleIfErrorUntil());
        assertThat(l.retainUntil()).isEqualTo(NOW.plusSeconds(40));
    }

    @Test
    void shouldRejectNegativeDefaultWindows() {
        TtlPolicy ttl = new TtlPolicy(Duration.ofMinutes(1), Duration.ofMinutes(2));

        assertThatThrownBy(() -> new FreshnessPolicy(ttl, Duration.ofSeconds(-1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("staleWhileRevalidate");
    }
}
