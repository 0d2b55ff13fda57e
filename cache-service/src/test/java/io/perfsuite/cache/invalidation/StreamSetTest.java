package io.perfsuite.cache.invalidation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class StreamSetTest {

    private final StreamSet streams = new StreamSet();

    @Test
    void shouldBeCoherentOnlyOnceEveryNodesStreamIsUp() {
        int gen = streams.track(List.of("redis://a", "redis://b"));

        assertThat(streams.up(gen)).isEqualTo(StreamSet.Up.UP);
        assertThat(streams.coherent()).isFalse();
        assertThat(streams.up(gen)).isEqualTo(StreamSet.Up.NOW_COHERENT);
        assertThat(streams.coherent()).isTrue();
        assertThat(streams.everCoherent()).isTrue();
    }

    @Test
    void shouldStopTrustingL1WhenOneStreamIsLostAndBecomeCoherentAgainOnReconnect() {
        int gen = streams.track(List.of("redis://a", "redis://b"));
        streams.up(gen);
        streams.up(gen);

        assertThat(streams.down(gen)).isEqualTo(StreamSet.Down.RECONNECT);
        assertThat(streams.coherent()).isFalse();
        assertThat(streams.everCoherent()).isTrue();
        assertThat(streams.up(gen)).isEqualTo(StreamSet.Up.NOW_COHERENT);
    }

    @Test
    void shouldRetireTheStreamsOfAnOldTopology() {
        int old = streams.track(List.of("redis://a"));
        streams.up(old);
        int gen = streams.track(List.of("redis://a", "redis://b"));

        assertThat(streams.coherent()).isFalse();
        assertThat(streams.current(old)).isFalse();
        assertThat(streams.down(old)).isEqualTo(StreamSet.Down.RETIRED);
        // a late stream of the old generation counts for nothing in the new one
        assertThat(streams.up(old)).isEqualTo(StreamSet.Up.RETIRE);
        assertThat(streams.up(gen)).isEqualTo(StreamSet.Up.UP);
        assertThat(streams.coherent()).isFalse();
        assertThat(streams.nodes()).containsExactly("redis://a", "redis://b");
    }

    @Test
    void shouldNeverBeCoherentWithoutANodeToFollow() {
        streams.track(List.of());

        assertThat(streams.coherent()).isFalse();
        assertThat(streams.everCoherent()).isFalse();
    }
}
