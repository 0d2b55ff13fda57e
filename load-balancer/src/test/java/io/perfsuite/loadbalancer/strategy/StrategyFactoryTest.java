package io.perfsuite.loadbalancer.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;

import org.junit.jupiter.api.Test;

class StrategyFactoryTest {

    private final StrategyFactory factory = new StrategyFactory(new Random(1));

    @Test
    void shouldCreateEveryStrategyByItsConfiguredName() {
        assertThat(StrategyFactory.names()).containsExactly("round-robin", "weighted-round-robin", "least-request",
                "random", "peak-ewma", "consistent-hash", "sticky-cookie");
        for (String name : StrategyFactory.names()) {
            assertThat(factory.create(name).name()).isEqualTo(name);
        }
        assertThat(factory.create("consistent-hash")).isInstanceOf(ConsistentHashStrategy.class);
        assertThat(factory.create(StrategyFactory.DEFAULT)).isInstanceOf(PeakEwmaStrategy.class);
    }

    @Test
    void shouldMakeANewInstanceEachTimeSincePoolsKeepTheirOwnState() {
        assertThat(factory.create("round-robin")).isNotSameAs(factory.create("round-robin"));
    }

    @Test
    void shouldPassOptionsThrough() {
        StrategyOptions options = StrategyOptions.DEFAULT.withHashKey(HashKey.header("X-Tenant"))
                .withSticky("route", "least-request");

        ConsistentHashStrategy hash = (ConsistentHashStrategy) factory.create("consistent-hash", options);
        StickyCookieStrategy sticky = (StickyCookieStrategy) factory.create("sticky-cookie", options);

        assertThat(hash.key()).isEqualTo(HashKey.header("X-Tenant"));
        assertThat(sticky.cookieName()).isEqualTo("route");
        assertThat(sticky.fallback()).isInstanceOf(LeastRequestStrategy.class);
    }

    @Test
    void shouldNameTheKnownStrategiesWhenTheNameIsUnknown() {
        assertThatThrownBy(() -> factory.create("fastest")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown balancing strategy 'fastest'").hasMessageContaining("peak-ewma");
        assertThatThrownBy(() -> factory.create("sticky-cookie",
                StrategyOptions.DEFAULT.withSticky("lb", "sticky-cookie")))
                .hasMessageContaining("cannot fall back to sticky-cookie");
    }
}
