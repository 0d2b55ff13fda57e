package io.perfsuite.loadbalancer.config;

import java.util.List;

/** The strategy names the routing file accepts; {@code route.StrategyCatalog} builds each. */
public final class StrategyNames {

    public static final List<String> ALL = List.of("peak-ewma", "round-robin", "weighted-round-robin",
            "least-request", "random", "consistent-hash");

    private StrategyNames() {
    }
}
