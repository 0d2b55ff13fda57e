package io.perfsuite.router.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import jakarta.validation.Validation;
import jakarta.validation.Validator;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.validator.BeanValidationConfigValidator;

/** The same mapping and validator Quarkus uses at start-up, without starting the application. */
class RouterConfigValidationTest {

    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

    private static RouterConfig load(Map<String, String> overrides) {
        Map<String, String> properties = new HashMap<>();
        properties.put("router.primary.uri", "postgresql://app@127.0.0.1:5432/app");
        properties.put("router.replicas", "postgresql://app@127.0.0.1:5433/app");
        properties.putAll(overrides);
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                // Quarkus's own converter, for the 30s / 250ms forms
                .withConverter(Duration.class, 200, new DurationConverter())
                .withMapping(RouterConfig.class)
                .withValidator((BeanValidationConfigValidator) () -> VALIDATOR)
                .build();
        return config.getConfigMapping(RouterConfig.class);
    }

    @Test
    void shouldAcceptTheDefaults() {
        assertThat(RouterConfigChecks.problems(load(Map.of()))).isEmpty();
    }

    @Test
    void shouldAcceptATableTtlUnderASecond() {
        RouterConfig config = load(Map.of("router.cache.tables.\"public.t\".ttl", "500ms"));
        assertThat(config.cache().tables().get("public.t").ttl().toMillis()).isEqualTo(500);
    }

    @Test
    void shouldRefuseAZeroTableTtlNamingThePropertyAndTheRule() {
        assertThatThrownBy(() -> load(Map.of("router.cache.tables.\"public.t\".ttl", "0s")))
                .isInstanceOf(ConfigValidationException.class)
                .hasMessageContaining("router.cache.tables")
                .hasMessageContaining("ttl")
                .hasMessageContaining("positive duration");
    }

    @Test
    void shouldRefuseATtlShorterThanAMillisecond() {
        assertThatThrownBy(() -> load(Map.of("router.cache.tables.\"public.t\".ttl", "PT0.0005S")))
                .isInstanceOf(ConfigValidationException.class)
                .hasMessageContaining("positive duration");
    }

    @Test
    void shouldRefuseNegativeAndZeroTimeouts() {
        assertThatThrownBy(() -> load(Map.of("router.cache.timeout", "-1s")))
                .isInstanceOf(ConfigValidationException.class).hasMessageContaining("router.cache.timeout");
        assertThatThrownBy(() -> load(Map.of("router.lag.interval", "0s")))
                .isInstanceOf(ConfigValidationException.class).hasMessageContaining("router.lag.interval");
    }

    @Test
    void shouldRefuseATimeoutThatDoesNotFitTheConnectTimeoutsMilliseconds() {
        assertThatThrownBy(() -> load(Map.of("router.health.timeout", "30d")))
                .isInstanceOf(ConfigValidationException.class).hasMessageContaining("router.health.timeout")
                .hasMessageContaining("at most an hour");
    }

    @Test
    void shouldRefuseAMaxTtlThatNoRequestCacheTtlInSecondsCouldUse() {
        assertThatThrownBy(() -> load(Map.of("router.cache.max-ttl", "500ms")))
                .isInstanceOf(ConfigValidationException.class).hasMessageContaining("router.cache.max-ttl");
    }

    @Test
    void shouldReportATableTtlLongerThanTheMaxTtl() {
        RouterConfig config = load(Map.of("router.cache.tables.\"public.t\".ttl", "2h", "router.cache.max-ttl", "1h"));
        assertThat(RouterConfigChecks.problems(config)).singleElement().asString()
                .contains("router.cache.tables.\"public.t\".ttl").contains("router.cache.max-ttl");
    }

    @Test
    void shouldReportADefaultTimeoutLongerThanTheMax() {
        RouterConfig config = load(Map.of("router.query.default-timeout", "2m", "router.query.max-timeout", "1m"));
        assertThat(RouterConfigChecks.problems(config)).singleElement().asString()
                .contains("router.query.default-timeout");
    }
}
