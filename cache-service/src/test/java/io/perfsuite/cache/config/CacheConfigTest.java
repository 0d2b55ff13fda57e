package io.perfsuite.cache.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

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

    @Test
    void shouldRejectShortApiKeySecrets() {
        assertThatThrownBy(() -> load(Map.of("cache.namespaces.a.public-read", "true",
                "cache.auth.api-keys.ops.secret", "short", "cache.auth.api-keys.ops.roles", "admin")))
                .hasMessageContaining("ops.secret")
                .hasMessageContaining("at least 16 characters");
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
