package io.perfsuite.cache.tiering;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.perfsuite.cache.freshness.Freshness.State;

class L2DecisionTest {

    @Test
    void shouldServeAndFillAFreshEntry() {
        assertThat(L2Decision.forEntry(State.FRESH, false)).isEqualTo(L2Decision.SERVE_AND_FILL);
    }

    @Test
    void shouldServeStaleWhileRevalidatingOnlyWithAnOrigin() {
        assertThat(L2Decision.forEntry(State.STALE_SERVABLE_REVALIDATE, true))
                .isEqualTo(L2Decision.SERVE_STALE_FILL_AND_REFRESH);
        assertThat(L2Decision.forEntry(State.STALE_SERVABLE_REVALIDATE, false)).isEqualTo(L2Decision.LOAD);
    }

    @Test
    void shouldLoadAnEntryTooOldToServe() {
        assertThat(L2Decision.forEntry(State.STALE_ONLY_ON_ERROR, true)).isEqualTo(L2Decision.LOAD);
        assertThat(L2Decision.forEntry(State.EXPIRED, true)).isEqualTo(L2Decision.LOAD);
    }

    @Test
    void shouldAnswerFromTheOutageFallbackOnlyWithAFreshValue() {
        assertThat(L2Decision.outageFallbackServes(false, State.FRESH)).isTrue();
        assertThat(L2Decision.outageFallbackServes(true, State.FRESH)).isFalse();
        assertThat(L2Decision.outageFallbackServes(false, State.STALE_SERVABLE_REVALIDATE)).isFalse();
    }

    @Test
    void shouldServeAStaleCopyWhenTheOriginFailsUntilItExpires() {
        assertThat(L2Decision.staleAnswersOriginFailure(State.STALE_ONLY_ON_ERROR)).isTrue();
        assertThat(L2Decision.staleAnswersOriginFailure(State.STALE_SERVABLE_REVALIDATE)).isTrue();
        assertThat(L2Decision.staleAnswersOriginFailure(State.EXPIRED)).isFalse();
    }

    @Test
    void shouldWarmL1OnlyWithACurrentFreshEntry() {
        assertThat(L2Decision.warms(true, State.FRESH)).isTrue();
        assertThat(L2Decision.warms(false, State.FRESH)).isFalse();
        assertThat(L2Decision.warms(true, State.STALE_SERVABLE_REVALIDATE)).isFalse();
    }
}
