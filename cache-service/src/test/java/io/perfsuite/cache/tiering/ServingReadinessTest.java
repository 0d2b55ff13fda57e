package io.perfsuite.cache.tiering;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServingReadinessTest {

    @Test
    void shouldBeReadyAndNotDegradedWithRedisAndCoherentL1() {
        ServingReadiness r = ServingReadiness.of(true, true, true, false);

        assertThat(r.ready()).isTrue();
        assertThat(r.degraded()).isFalse();
    }

    @Test
    void shouldStayReadyButDegradedWhenRedisFailsAfterL1WasServing() {
        ServingReadiness r = ServingReadiness.of(false, false, true, false);

        assertThat(r.ready()).isTrue();
        assertThat(r.degraded()).isTrue();
        assertThat(r.serving()).contains("Redis unreachable");
    }

    @Test
    void shouldStayReadyOnL2WhileTheInvalidationStreamIsDown() {
        ServingReadiness r = ServingReadiness.of(true, false, true, false);

        assertThat(r.ready()).isTrue();
        assertThat(r.degraded()).isTrue();
        assertThat(r.serving()).startsWith("L2");
    }

    @Test
    void shouldNotJoinTheRotationWhenRedisWasNeverReachedAndNothingCanBeLoaded() {
        assertThat(ServingReadiness.of(false, false, false, false).ready()).isFalse();
    }

    @Test
    void shouldJoinWithoutRedisWhenAnOriginCanServeReads() {
        assertThat(ServingReadiness.of(false, false, false, true).ready()).isTrue();
    }
}
