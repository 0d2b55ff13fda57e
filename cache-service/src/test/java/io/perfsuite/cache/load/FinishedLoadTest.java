package io.perfsuite.cache.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class FinishedLoadTest {

    private static final Instant DONE = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void shouldBeSharedWithAReaderThatStartedBeforeItFinished() {
        FinishedLoad<String> load = new FinishedLoad<>(DONE, "v");

        assertThat(load.covers(DONE.minusMillis(1))).isTrue();
        assertThat(load.covers(DONE)).isTrue();
    }

    @Test
    void shouldNotServeAReaderThatStartedAfterItFinished() {
        assertThat(new FinishedLoad<>(DONE, "v").covers(DONE.plusMillis(1))).isFalse();
    }
}
