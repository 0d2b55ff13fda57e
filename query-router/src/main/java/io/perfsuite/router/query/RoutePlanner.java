package io.perfsuite.router.query;

import java.time.Clock;
import java.util.random.RandomGenerator;

import jakarta.enterprise.context.ApplicationScoped;

import io.perfsuite.router.config.RouterConfig;
import io.perfsuite.router.consistency.ReplicaSelector;
import io.perfsuite.router.consistency.RouteDecision;
import io.perfsuite.router.execution.RoutePlan;
import io.perfsuite.router.pg.ReplicaLagMonitor;
import io.perfsuite.router.routing.Classification;
import io.perfsuite.router.routing.Route;

/** Feeds the pure {@link ReplicaSelector} and {@link RoutePlan} the replica states and the time of this moment. */
@ApplicationScoped
class RoutePlanner {

    private final ReplicaLagMonitor monitor;
    private final ReplicaSelector selector;
    private final Clock clock;

    RoutePlanner(ReplicaLagMonitor monitor, RouterConfig config, Clock clock, RandomGenerator random) {
        this.monitor = monitor;
        this.clock = clock;
        this.selector = new ReplicaSelector(config.lag().maxBytes(), config.lag().max(), random);
    }

    RoutePlan plan(QueryCommand command, Classification classification, boolean readOnlyKey) {
        RouteDecision decision = classification.route() == Route.PRIMARY
                ? null
                : selector.choose(command.level(), command.maxStaleness(), command.token(), monitor.replicaStates(),
                        clock.instant());
        return RoutePlan.of(classification, decision, command.level(), readOnlyKey);
    }
}
