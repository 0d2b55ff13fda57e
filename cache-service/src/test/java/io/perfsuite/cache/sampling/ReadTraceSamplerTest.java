package io.perfsuite.cache.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class ReadTraceSamplerTest {

    private static final String PARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-b7ad6b7169203331-01";

    private final ReadTraceSampler onePercent = new ReadTraceSampler(0.01);

    @Test
    void shouldStartATraceForAShareOfKeyReadsWithoutTraceContext() {
        assertThat(onePercent.shouldTrace("GET", "/v1/cache/default/k", null, 0.005)).isTrue();
        assertThat(onePercent.shouldTrace("GET", "/v1/cache/default/k", null, 0.01)).isFalse();
        assertThat(onePercent.shouldTrace("HEAD", "/v1/cache/default/a/b", "", 0.5)).isFalse();
    }

    @Test
    void shouldAlwaysLetAReadContinueItsCallersTrace() {
        assertThat(onePercent.shouldTrace("GET", "/v1/cache/default/k", PARENT, 0.99)).isTrue();
    }

    @Test
    void shouldTraceEverythingThatIsNotAKeyRead() {
        assertThat(onePercent.shouldTrace("PUT", "/v1/cache/default/k", null, 0.99)).isTrue();
        assertThat(onePercent.shouldTrace("POST", "/v1/cache/default/batch-get", null, 0.99)).isTrue();
        assertThat(onePercent.shouldTrace("GET", "/v1/cache/stats", null, 0.99)).isTrue();
        assertThat(onePercent.shouldTrace("GET", "/v1/cache/default/warm", null, 0.99)).isTrue();
        assertThat(onePercent.shouldTrace("GET", "/v1/cache/default/", null, 0.99)).isTrue();
        assertThat(onePercent.shouldTrace("GET", "/q/health/ready", null, 0.99)).isTrue();
    }

    @Test
    void shouldTreatKeysThatOnlyStartLikeWarmAsKeys() {
        assertThat(onePercent.shouldTrace("GET", "/v1/cache/default/warmer", null, 0.99)).isFalse();
        assertThat(onePercent.shouldTrace("GET", "/v1/cache/default/warm/x", null, 0.99)).isFalse();
    }

    @Test
    void shouldCoverTheWholeRangeAtItsBounds() {
        assertThat(new ReadTraceSampler(0.0).shouldTrace("GET", "/v1/cache/default/k", null, 0.0)).isFalse();
        assertThat(new ReadTraceSampler(1.0).shouldTrace("GET", "/v1/cache/default/k", null, 0.999_999)).isTrue();
        assertThatIllegalArgumentException().isThrownBy(() -> new ReadTraceSampler(1.5))
                .withMessageContaining("rootRatio");
        assertThatIllegalArgumentException().isThrownBy(() -> new ReadTraceSampler(Double.NaN));
    }
}
