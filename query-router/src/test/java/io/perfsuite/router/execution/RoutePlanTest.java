package io.perfsuite.router.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.perfsuite.router.consistency.ConsistencyLevel;
import io.perfsuite.router.consistency.RouteDecision;
import io.perfsuite.router.routing.Classification;
import io.perfsuite.router.routing.Route;

class RoutePlanTest {

    private static final Classification READ = new Classification(Route.REPLICA, "a plain SELECT", Set.of("accounts"),
            Optional.empty(), 1, false, false);
    private static final Classification WRITE = new Classification(Route.PRIMARY, "an UPDATE", Set.of("accounts"),
            Optional.empty(), 1, true, false);

    @Test
    void shouldSendAStatementTheClassifierSendsToThePrimaryThereAsAWriteWithItsToken() {
        RoutePlan plan = RoutePlan.of(WRITE, null, ConsistencyLevel.EVENTUAL, false);

        assertThat(plan.step()).isEqualTo(RoutePlan.Step.PRIMARY);
        assertThat(plan.node()).isEmpty();
        assertThat(plan.placement()).isEqualTo(Placement.write(false));
        assertThat(plan.placement().token()).isTrue();
        assertThat(plan.reason()).isEqualTo("an UPDATE");
        assertThat(plan.fallbackCause()).isEmpty();
        assertThat(plan.pipelined(false)).isFalse();
    }

    @Test
    void shouldRunAReadOnlyKeysPrimaryStatementReadOnlyAndKeepItsRefusal() {
        RoutePlan plan = RoutePlan.of(WRITE, null, ConsistencyLevel.EVENTUAL, true);

        assertThat(plan.placement().readOnly()).isTrue();
        assertThat(plan.retryAsWrite().readOnly()).as("a misrouted read-only key's statement is refused, not run")
                .isTrue();
        assertThat(RoutePlan.of(READ, RouteDecision.replica("r1", "least busy"), ConsistencyLevel.EVENTUAL, false)
                .retryAsWrite().readOnly()).isFalse();
    }

    @Test
    void shouldReadAChosenReplicaOnItsSharedConnectionAndEchoTheRequestsToken() {
        RoutePlan plan = RoutePlan.of(READ, RouteDecision.replica("r1", "least busy"), ConsistencyLevel.EVENTUAL,
                false);

        assertThat(plan.step()).isEqualTo(RoutePlan.Step.REPLICA);
        assertThat(plan.node()).contains("r1");
        assertThat(plan.placement().token()).as("a replica read hands the request's token back").isFalse();
        assertThat(plan.reason()).isEqualTo("a plain SELECT; least busy");
        assertThat(plan.pipelined(false)).isTrue();
        assertThat(plan.pipelined(true)).as("a multi-statement string needs the simple protocol").isFalse();
    }

    @Test
    void shouldAskTheMostAdvancedCandidateForTheTokenThenFallBackAsNotReplayed() {
        RoutePlan plan = RoutePlan.of(READ, RouteDecision.waitFor(List.of("r2", "r1"), "token not replayed yet"),
                ConsistencyLevel.READ_YOUR_WRITES, false);

        assertThat(plan.step()).isEqualTo(RoutePlan.Step.AWAIT_REPLAY);
        assertThat(plan.node()).contains("r2");
        assertThat(plan.fallbackCause()).contains("token-not-replayed");
        assertThat(plan.pipelined(false)).as("the wait comes first").isFalse();
    }

    @Test
    void shouldStandInForAReplicaReadOnThePrimaryWithThePrimarysTokenAndAReadOnlyTransaction() {
        RoutePlan plan = RoutePlan.of(READ, RouteDecision.primary("no replica within the staleness bound"),
                ConsistencyLevel.BOUNDED, false);

        assertThat(plan.step()).isEqualTo(RoutePlan.Step.FALLBACK);
        assertThat(plan.node()).isEmpty();
        assertThat(plan.placement()).isEqualTo(plan.fallback());
        assertThat(plan.fallbackCause()).contains("bounded");
        assertThat(plan.reason()).isEqualTo("a plain SELECT; no replica within the staleness bound");
    }

    @Test
    void shouldGiveEveryFallbackTheSameTokenAndCacheRulesWhateverMadeItFallBack() {
        List<RoutePlan> plans = List.of(
                RoutePlan.of(READ, RouteDecision.primary("strong"), ConsistencyLevel.STRONG, false),
                RoutePlan.of(READ, RouteDecision.primary("no replica"), ConsistencyLevel.EVENTUAL, false),
                RoutePlan.of(READ, RouteDecision.waitFor(List.of("r1"), "waiting"), ConsistencyLevel.READ_YOUR_WRITES,
                        false),
                RoutePlan.of(READ, RouteDecision.replica("r1", "least busy"), ConsistencyLevel.EVENTUAL, false));

        assertThat(plans).extracting(RoutePlan::fallback).containsOnly(Placement.primaryRead());
        Placement fallback = plans.get(0).fallback();
        assertThat(fallback.token()).isTrue();
        assertThat(fallback.readOnly()).isTrue();
        assertThat(fallback.write()).as("its result may be cached like a replica read's").isFalse();
    }
}
