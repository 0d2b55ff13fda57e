package io.perfsuite.cache.hotkeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Iterator;
import java.util.List;
import java.util.stream.DoubleStream;

import org.junit.jupiter.api.Test;

class HotKeySamplerTest {

    private static java.util.function.DoubleSupplier draws(double... values) {
        Iterator<Double> it = DoubleStream.of(values).boxed().toList().iterator();
        return it::next;
    }

    @Test
    void shouldCountOnlyReadsWhoseDrawFallsUnderTheRate() {
        HotKeySampler sampler = new HotKeySampler(0.25, draws(0.1, 0.3, 0.24, 0.25, 0.9), 100);

        for (int i = 0; i < 5; i++) {
            sampler.sample("ns", "a");
        }

        assertThat(sampler.drain()).containsEntry("ns", java.util.Map.of("a", 2L));
    }

    @Test
    void shouldKeepNamespacesApartAndStartOverAfterADrain() {
        HotKeySampler sampler = new HotKeySampler(1.0, () -> 0.0, 100);
        sampler.sample("one", "k");
        sampler.sample("one", "k");
        sampler.sample("two", "k");

        assertThat(sampler.drain()).containsOnlyKeys("one", "two")
                .containsEntry("one", java.util.Map.of("k", 2L))
                .containsEntry("two", java.util.Map.of("k", 1L));
        assertThat(sampler.drain()).isEmpty();
    }

    @Test
    void shouldStillCountPendingKeysWhenTheBoundIsReached() {
        HotKeySampler sampler = new HotKeySampler(1.0, () -> 0.0, 2);
        for (String key : List.of("a", "b", "c", "a", "c")) {
            sampler.sample("ns", key);
        }

        assertThat(sampler.drain().get("ns")).containsOnly(java.util.Map.entry("a", 2L), java.util.Map.entry("b", 1L));
    }

    @Test
    void shouldNotDrawAtAllWhenDisabled() {
        HotKeySampler sampler = HotKeySampler.disabled();
        sampler.sample("ns", "a");

        assertThat(sampler.enabled()).isFalse();
        assertThat(sampler.drain()).isEmpty();
    }

    @Test
    void shouldRejectARateOutsideZeroToOne() {
        assertThatThrownBy(() -> new HotKeySampler(1.5, () -> 0, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rate");
    }
}
