package io.perfsuite.cache.load;

import java.time.Instant;

/**
 * The result of the last origin load of a key and when it finished. A reader that started before the load finished
 * overlapped it: it shares the result instead of loading again (which single-flight alone cannot give it, once the
 * load is no longer in flight).
 */
public record FinishedLoad<T>(Instant completedAt, T result) {

    /** Whether a reader that started at {@code readerStarted} overlapped this load. */
    public boolean covers(Instant readerStarted) {
        return !completedAt.isBefore(readerStarted);
    }
}
