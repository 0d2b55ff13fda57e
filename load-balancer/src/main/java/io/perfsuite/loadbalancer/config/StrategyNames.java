package io.perfsuite.loadbalancer.config;

import java.util.List;

import io.perfsuite.loadbalancer.strategy.StrategyFactory;

/** The strategy names the routing file accepts: every one CORE's factory can build. */
public final class StrategyNames {

    public static final List<String> ALL = List.copyOf(StrategyFactory.names());

    private StrategyNames() {
    }
}
