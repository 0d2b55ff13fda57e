package io.perfsuite.cache.namespace;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import io.perfsuite.cache.freshness.FreshnessPolicy;

/**
 * A configured namespace as the cache uses it at run time.
 *
 * @param originTemplate read-through origin with a {@code {key}} placeholder, if any
 * @param negativeTtl how long an origin 404 is remembered
 * @param warmStartKeys how many of the hottest keys a starting replica preloads into L1 (0: none)
 */
public record Namespace(String name, FreshnessPolicy freshness, long l1MaxBytes, int compressionThreshold,
        Optional<String> originTemplate, Duration negativeTtl, boolean publicRead, WriteMode writeMode,
        int warmStartKeys) {

    public Namespace {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(freshness, "freshness");
        Objects.requireNonNull(originTemplate, "originTemplate");
        Objects.requireNonNull(negativeTtl, "negativeTtl");
        Objects.requireNonNull(writeMode, "writeMode");
        if (warmStartKeys < 0) {
            throw new IllegalArgumentException("warmStartKeys must not be negative");
        }
    }

    public boolean readThrough() {
        return originTemplate.isPresent();
    }
}
