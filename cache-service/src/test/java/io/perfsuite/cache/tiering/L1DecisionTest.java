package io.perfsuite.cache.tiering;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.perfsuite.cache.freshness.Freshness.State;

class L1DecisionTest {

    @Test
    void shouldLetL2DecideWhileAnInvalidationStreamIsDownAndRedisIsUp() {
        assertThat(L1Decision.trusted(false, true)).isFalse();
    }

    @Test
    void shouldTrustL1WhenRedisIsUnreachableSinceNothingCanChangeTheDataThroughIt() {
        assertThat(L1Decision.trusted(false, false)).isTrue();
        assertThat(L1Decision.trusted(true, true)).isTrue();
    }

    @Test
    void shouldDropACopyWhoseTagMovedOn() {
        assertThat(L1Decision.forCopy(false, false, State.FRESH, false)).isEqualTo(L1Decision.DROP_AND_READ_L2);
    }

    @Test
    void shouldServeAFreshCurrentCopy() {
        assertThat(L1Decision.forCopy(true, false, State.FRESH, false)).isEqualTo(L1Decision.SERVE);
    }

    @Test
    void shouldServeStaleAndRefreshOnlyForReadThroughNamespaces() {
        assertThat(L1Decision.forCopy(true, false, State.STALE_SERVABLE_REVALIDATE, true))
                .isEqualTo(L1Decision.SERVE_STALE_AND_REFRESH);
        assertThat(L1Decision.forCopy(true, false, State.STALE_SERVABLE_REVALIDATE, false))
                .isEqualTo(L1Decision.READ_L2_WITH_STALE);
    }

    @Test
    void shouldKeepAStaleCopyAsTheAnswerForAFailingOrigin() {
        assertThat(L1Decision.forCopy(true, false, State.STALE_ONLY_ON_ERROR, true)).isEqualTo(L1Decision.READ_L2_WITH_STALE);
    }

    @Test
    void shouldAnswerAFreshRememberedNotFoundAsAMissAndAskL2OnceItExpired() {
        assertThat(L1Decision.forCopy(true, true, State.FRESH, true)).isEqualTo(L1Decision.NEGATIVE_HIT);
        assertThat(L1Decision.forCopy(true, true, State.EXPIRED, true)).isEqualTo(L1Decision.READ_L2);
    }

    @Test
    void shouldServeAtOnceOnlyAFreshCurrentValueWhileCoherent() {
        assertThat(L1Decision.servesAtOnce(true, false, true, State.FRESH)).isTrue();
        assertThat(L1Decision.servesAtOnce(false, false, true, State.FRESH)).isFalse();
        assertThat(L1Decision.servesAtOnce(true, true, true, State.FRESH)).isFalse();
        assertThat(L1Decision.servesAtOnce(true, false, false, State.FRESH)).isFalse();
        assertThat(L1Decision.servesAtOnce(true, false, true, State.STALE_SERVABLE_REVALIDATE)).isFalse();
    }
}
