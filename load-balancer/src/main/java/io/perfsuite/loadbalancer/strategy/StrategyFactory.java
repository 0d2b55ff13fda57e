package io.perfsuite.loadbalancer.strategy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The strategies by the names configuration uses. Each {@link #create} returns a new instance, since strategies keep
 * per-pool state. Adding a strategy is one line in {@link #REGISTRY} (see docs/adding-a-balancing-strategy.md).
 */
public final class StrategyFactory {

    public static final String DEFAULT = PeakEwmaStrategy.NAME;

    @FunctionalInterface
    private interface Constructor {
        BalancingStrategy create(StrategyOptions options, RandomGenerator random, StrategyFactory factory);
    }

    private static final Map<String, Constructor> REGISTRY;

    static {
        Map<String, Constructor> registry = new LinkedHashMap<>();
        registry.put(RoundRobinStrategy.NAME, (options, random, factory) -> new RoundRobinStrategy());
        registry.put(WeightedRoundRobinStrategy.NAME, (options, random, factory) -> new WeightedRoundRobinStrategy());
        registry.put(LeastRequestStrategy.NAME, (options, random, factory) -> new LeastRequestStrategy(random,
                options.choiceCount(), options.activeRequestBias()));
        registry.put(RandomStrategy.NAME, (options, random, factory) -> new RandomStrategy(random));
        registry.put(PeakEwmaStrategy.NAME, (options, random, factory) -> new PeakEwmaStrategy(random));
        registry.put(ConsistentHashStrategy.NAME, (options, random, factory) -> new ConsistentHashStrategy(
                options.hashKey(), options.loadFactor(), options.virtualNodes(), random));
        registry.put(StickyCookieStrategy.NAME, (options, random, factory) -> {
            if (options.stickyFallback().equals(StickyCookieStrategy.NAME)) {
                throw new IllegalArgumentException("sticky-cookie cannot fall back to sticky-cookie");
            }
            return new StickyCookieStrategy(options.stickyCookie(), factory.create(options.stickyFallback(), options));
        });
        REGISTRY = Collections.unmodifiableMap(registry);
    }

    private final RandomGenerator random;

    /**
     * @param random shared by every strategy this factory makes, from several event-loop threads at once, so it must
     *        be thread-safe: {@code new java.util.Random()} in production, a seeded one in tests
     */
    public StrategyFactory(RandomGenerator random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    /** Every strategy name, in a stable order, for validation messages. */
    public static Set<String> names() {
        return REGISTRY.keySet();
    }

    public BalancingStrategy create(String name) {
        return create(name, StrategyOptions.DEFAULT);
    }

    /** @throws IllegalArgumentException for an unknown name or options the strategy rejects */
    public BalancingStrategy create(String name, StrategyOptions options) {
        Objects.requireNonNull(options, "options");
        Constructor constructor = name == null ? null : REGISTRY.get(name);
        if (constructor == null) {
            throw new IllegalArgumentException("unknown balancing strategy '" + name + "', expected one of " + names());
        }
        return constructor.create(options, random, this);
    }
}
