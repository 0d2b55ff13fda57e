package io.perfsuite.cache.tiering;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class TagCheckTest {

    @Test
    void shouldTreatAnEntryWithoutTagsAsCurrent() {
        assertThat(TagCheck.of(Map.of(), Map.of())).isEqualTo(TagCheck.CURRENT);
    }

    @Test
    void shouldBeCurrentWhileEveryKnownVersionIsTheOneStored() {
        assertThat(TagCheck.of(Map.of("a", 1L, "b", 4L), Map.of("a", 1L, "b", 4L, "c", 9L))).isEqualTo(TagCheck.CURRENT);
    }

    @Test
    void shouldSeeAMovedTagAsInvalid() {
        assertThat(TagCheck.of(Map.of("a", 1L, "b", 4L), Map.of("a", 1L, "b", 5L))).isEqualTo(TagCheck.MOVED);
    }

    @Test
    void shouldAskRedisWhenATagIsNotKnownEvenIfAnotherHasMoved() {
        // a moved tag would decide alone, but the adapter reads every unknown one anyway and remembers them
        assertThat(TagCheck.of(Map.of("a", 1L, "b", 4L), Map.of("a", 2L))).isEqualTo(TagCheck.UNKNOWN);
    }

    @Test
    void shouldCountATagNeverInvalidatedAsVersionZeroInRedis() {
        assertThat(TagCheck.current(Map.of("fresh", 0L), Map.of())).isTrue();
        assertThat(TagCheck.current(Map.of("fresh", 0L), Map.of("fresh", 1L))).isFalse();
    }
}
