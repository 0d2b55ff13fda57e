package io.perfsuite.loadbalancer.strategy;

import java.util.Objects;

/**
 * The knobs strategies take, with their defaults; each strategy reads only its own.
 *
 * @param choiceCount least-request: candidates sampled per pick (Envoy's choice_count, 2)
 * @param activeRequestBias least-request with unequal weights: the exponent in {@code w / (active + 1)^bias} (1.0)
 * @param hashKey consistent-hash: what to hash (client address by default)
 * @param loadFactor consistent-hash: the bound c (1.25)
 * @param virtualNodes consistent-hash: ring points for the heaviest endpoint (160)
 * @param stickyCookie sticky-cookie: the cookie's name
 * @param stickyFallback sticky-cookie: the strategy that picks when the cookie is absent or its endpoint is not
 *        available (peak-ewma)
 */
public record StrategyOptions(int choiceCount, double activeRequestBias, HashKey hashKey, double loadFactor,
        int virtualNodes, String stickyCookie, String stickyFallback) {

    public static final StrategyOptions DEFAULT = new StrategyOptions(2, 1.0, HashKey.CLIENT_IP, 1.25, 160, "lb-sticky",
            PeakEwmaStrategy.NAME);

    public StrategyOptions {
        Objects.requireNonNull(hashKey, "hashKey");
        Objects.requireNonNull(stickyCookie, "stickyCookie");
        Objects.requireNonNull(stickyFallback, "stickyFallback");
    }

    public StrategyOptions withHashKey(HashKey value) {
        return new StrategyOptions(choiceCount, activeRequestBias, value, loadFactor, virtualNodes, stickyCookie,
                stickyFallback);
    }

    public StrategyOptions withLoadFactor(double value) {
        return new StrategyOptions(choiceCount, activeRequestBias, hashKey, value, virtualNodes, stickyCookie,
                stickyFallback);
    }

    public StrategyOptions withSticky(String cookie, String fallback) {
        return new StrategyOptions(choiceCount, activeRequestBias, hashKey, loadFactor, virtualNodes, cookie, fallback);
    }

    public StrategyOptions withLeastRequest(int choices, double bias) {
        return new StrategyOptions(choices, bias, hashKey, loadFactor, virtualNodes, stickyCookie, stickyFallback);
    }
}
