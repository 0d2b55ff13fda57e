package io.perfsuite.loadbalancer.route;

import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

import io.perfsuite.loadbalancer.config.ProxySettings.PoolSettings;
import io.perfsuite.loadbalancer.strategy.BalancingStrategy;
import io.perfsuite.loadbalancer.strategy.ConsistentHashStrategy;
import io.perfsuite.loadbalancer.strategy.HashKey;
import io.perfsuite.loadbalancer.strategy.LeastRequestStrategy;
import io.perfsuite.loadbalancer.strategy.PeakEwmaStrategy;
import io.perfsuite.loadbalancer.strategy.RandomStrategy;
import io.perfsuite.loadbalancer.strategy.RoundRobinStrategy;
import io.perfsuite.loadbalancer.strategy.WeightedRoundRobinStrategy;

/** Builds the strategy a pool's configuration names (the names are {@code config.StrategyNames}). */
public final class StrategyCatalog {

    /** Each event loop draws from its own generator: a shared java.util.Random would be a contended CAS. */
    public static final RandomGenerator PER_THREAD_RANDOM = new PerThreadRandom();

    private StrategyCatalog() {
    }

    public static BalancingStrategy create(PoolSettings pool, RandomGenerator random) {
        return switch (pool.strategy()) {
            case RoundRobinStrategy.NAME -> new RoundRobinStrategy();
            case "weighted-round-robin" -> new WeightedRoundRobinStrategy();
            case LeastRequestStrategy.NAME -> new LeastRequestStrategy(random);
            case RandomStrategy.NAME -> new RandomStrategy(random);
            case ConsistentHashStrategy.NAME -> new ConsistentHashStrategy(hashKey(pool.hashKey()), 1.25, 160, random);
            default -> new PeakEwmaStrategy(random);
        };
    }

    private static HashKey hashKey(String text) {
        if (text == null || text.equals("client-ip")) {
            return HashKey.CLIENT_IP;
        }
        int colon = text.indexOf(':');
        String name = text.substring(colon + 1);
        return text.startsWith("header:") ? HashKey.header(name) : HashKey.cookie(name);
    }

    private static final class PerThreadRandom implements RandomGenerator {
        @Override
        public long nextLong() {
            return ThreadLocalRandom.current().nextLong();
        }

        @Override
        public int nextInt(int bound) {
            return ThreadLocalRandom.current().nextInt(bound);
        }

        @Override
        public double nextDouble() {
            return ThreadLocalRandom.current().nextDouble();
        }
    }
}
