package io.perfsuite.cache.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.common.MapBackedConfigSource;
import io.smallrye.config.validator.BeanValidationConfigValidatorImpl;

class CacheConfigTest {

    @Test
    void shouldParseHumanSizes() {
        CacheConfig config = load(Map.of("cache.l1.max-bytes", "256M"));

        assertThat(config.l1().maxBytes().asLongValue()).isEqualTo(256L * 1024 * 1024);
    }

    @Test
    void shouldRejectL1SmallerThanOneMebibyteNamingTheProperty() {
        assertThatThrownBy(() -> load(Map.of("cache.l1.max-bytes", "10K")))
                .hasMessageContaining("cache.l1.max-bytes")
                .hasMessageContaining("must be at least 1048576 bytes");
    }

    private static CacheConfig load(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new MapBackedConfigSource("test", properties) {
                })
                .withConverter(MemorySize.class, 100, new MemorySizeConverter())
                .withValidator(new BeanValidationConfigValidatorImpl())
                .withMapping(CacheConfig.class)
                .build();
        return config.getConfigMapping(CacheConfig.class);
    }
}
