package io.perfsuite.loadbalancer.route;

import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

import io.perfsuite.loadbalancer.config.ProxySettings.PoolSettings;
import io.perfsuite.loadbalancer.strategy.BalancingStrategy;
import io.perfsuite.loadbalancer.strategy.HashKey;
import io.perfsuite.loadbalancer.strategy.StrategyFactory;
import io.perfsuite.loadbalancer.strategy.StrategyOptions;

/** Builds the strategy a pool's configuration names, through CORE's {@link StrategyFactory}. */
public final class StrategyCatalog {

    /** Each event loop draws from its own generator: a shared java.util.Random would be a contended CAS. */
    public static final RandomGenerator PER_THREAD_RANDOM = new PerThreadRandom();

    private StrategyCatalog() {
    }

    /** CORE's factory builds the strategy; this only turns the file's hash-key and sticky fields into options. */
    public static BalancingStrategy create(PoolSettings pool, RandomGenerator random) {
        return new StrategyFactory(random).create(pool.strategy(), StrategyOptions.DEFAULT
                .withHashKey(hashKey(pool.hashKey())).withSticky(pool.sticky().cookie(), pool.sticky().fallback()));
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
