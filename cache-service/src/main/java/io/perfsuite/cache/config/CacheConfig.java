package io.perfsuite.cache.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Typed configuration of the cache tiers. Validated when the application starts, so a bad value stops the service
 * with the property's name instead of failing on the first request.
 */
@ConfigMapping(prefix = "cache")
public interface CacheConfig {

    L1 l1();

    interface L1 {
        /** Upper bound of the in-process tier, weighed in bytes of keys and values. */
        @WithDefault("64M")
        @MinBytes(1024 * 1024)
        MemorySize maxBytes();
    }
}
