package io.perfsuite.cache.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.common.MapBackedConfigSource;
import io.smallrye.config.validator.BeanValidationConfigValidatorImpl;

class CacheConfigTest {

    @Test
    void shouldParseHumanSizesAndDefaults() {
        CacheConfig config = load(Map.of("cache.namespaces.products.l1-max-bytes", "256M"));

        CacheConfig.Namespace products = config.namespaces().get("products");
        assertThat(products.l1MaxBytes().asLongValue()).isEqualTo(256L * 1024 * 1024);
        assertThat(products.compressionThreshold().asLongValue()).isEqualTo(1024);
        assertThat(config.limits().maxKeyBytes()).isEqualTo(512);
    }

    @Test
    void shouldRejectATinyL1NamingTheProperty() {
        assertThatThrownBy(() -> load(Map.of("cache.namespaces.products.l1-max-bytes", "1K")))
                .hasMessageContaining("cache.namespaces.products.l1-max-bytes")
                .hasMessageContaining("must be at least 65536 bytes");
    }

    @Test
    void shouldRejectAnOriginWithoutTheKeyPlaceholder() {
        assertThatThrownBy(() -> load(Map.of("cache.namespaces.items.origin", "http://catalog/items")))
                .hasMessageContaining("cache.namespaces.items.origin")
                .hasMessageContaining("{key}");
    }

    @ParameterizedTest
    @CsvSource({
            "cache.namespaces.products.default-ttl, 0s, positive",
            "cache.namespaces.products.max-ttl, PT-5S, positive",
            "cache.namespaces.products.negative-ttl, 0ms, positive",
            "cache.namespaces.products.stale-if-error, PT-1S, non-negative",
            "cache.namespaces.products.default-ttl, PT0.0005S, whole milliseconds",
            "cache.namespaces.products.max-ttl, 40000d, at most 36500d",
            "cache.l2.timeout, 0s, positive",
            "cache.l2.open-duration, 0s, positive",
            "cache.hot-keys.flush-interval, 0s, positive",
            "cache.hot-keys.half-life, 0s, positive",
            "cache.warm.retention, 0s, positive",
            "cache.origin.timeout, 0s, positive",
            "cache.coherence.keepalive-interval, 0s, positive",
            "cache.coherence.keepalive-timeout, PT0.0001S, whole milliseconds"})
    void shouldRejectADurationTheServiceCannotUseNamingThePropertyAndTheRule(String property, String value, String rule) {
        // SmallRye names a nested group by its method (cache.hotKeys.half-life): still the property, recognisably
        String named = property.replace("hot-keys", "hotKeys");
        assertThatThrownBy(() -> load(Map.of("cache.namespaces.products.l1-max-bytes", "64K", property, value)))
                .hasMessageContaining(named)
                .hasMessageContaining(rule);
    }

    @Test
    void shouldAcceptZeroForTheStaleWindowsAndSubSecondTtls() {
        CacheConfig config = load(Map.of("cache.namespaces.products.stale-while-revalidate", "0s",
                "cache.namespaces.products.default-ttl", "250ms", "cache.namespaces.products.negative-ttl", "500ms"));

        assertThat(config.namespaces().get("products").defaultTtl()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.namespaces().get("products").staleWhileRevalidate()).isZero();
    }

    private static CacheConfig load(Map<String, String> properties) {
        Map<String, String> all = new HashMap<>(properties);
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new MapBackedConfigSource("test", all) {
                })
                .withConverter(MemorySize.class, 100, new MemorySizeConverter())
                .withConverter(Duration.class, 100, new DurationConverter())
                .withValidator(new BeanValidationConfigValidatorImpl())
                .withMapping(CacheConfig.class)
                .build();
        return config.getConfigMapping(CacheConfig.class);
    }
}
