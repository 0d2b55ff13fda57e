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
 */
public record Namespace(String name, FreshnessPolicy freshness, long l1MaxBytes, int compressionThreshold,
        Optional<String> originTemplate, Duration negativeTtl, boolean publicRead) {

    public Namespace {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(freshness, "freshness");
        Objects.requireNonNull(originTemplate, "originTemplate");
        Objects.requireNonNull(negativeTtl, "negativeTtl");
    }

    public boolean readThrough() {
        return originTemplate.isPresent();
    }
}
