package io.perfsuite.router.execution;

import java.util.Optional;

import io.perfsuite.router.consistency.ConsistencyLevel;
import io.perfsuite.router.consistency.RouteDecision;
import io.perfsuite.router.routing.Classification;
import io.perfsuite.router.routing.Route;

/**
 * Where a routed statement runs, with which protections, and what stands in for it when the replica it wanted cannot
 * have it. The stand-in is always the primary as a replica read ({@link Placement#primaryRead()}): the same token and
 * cache rules whatever made the read fall back, so no fallback path can forget one.
 *
 * @param step what the executor does first
 * @param node the replica to read ({@link Step#REPLICA}) or to ask for the token's replay ({@link Step#AWAIT_REPLAY});
 *        empty for the primary
 * @param placement how the statement runs where {@code step} sends it
 * @param reason why, for the response, the span and the slow log
 * @param fallbackCause the label of {@code router_fallback_to_primary_total} when the read runs on the primary
 *        instead: for {@link Step#FALLBACK} at once, for {@link Step#AWAIT_REPLAY} when the replica does not catch up
 * @param readOnlyKey the caller may only read: what it runs on the primary runs read only, and a "read" that writes
 *        is refused (403) instead of run again as a write
 */
public record RoutePlan(Step step, Optional<String> node, Placement placement, String reason,
        Optional<String> fallbackCause, boolean readOnlyKey) {

    /** The first step of running a statement. */
    public enum Step {
        /** The classifier sent it to the primary (a write, or not provably a read). */
        PRIMARY,
        /** A read on this replica. */
        REPLICA,
        /** Wait a bounded time for the replica to replay the token, then read there, else fall back. */
        AWAIT_REPLAY,
        /** A read no replica may serve: it runs on the primary as a replica read. */
        FALLBACK
    }

    static final String TOKEN_NOT_REPLAYED = "token-not-replayed";

    /**
     * @param classification what the statement is
     * @param decision the replica selector's answer for a read; ignored (may be null) for a statement the classifier
     *        sends to the primary
     * @param level the request's consistency level (the fallback label when no replica may serve it)
     * @param readOnlyKey the caller may only read: its statements on the primary run read only
     */
    public static RoutePlan of(Classification classification, RouteDecision decision, ConsistencyLevel level,
            boolean readOnlyKey) {
        if (classification.route() == Route.PRIMARY) {
            return new RoutePlan(Step.PRIMARY, Optional.empty(), Placement.write(readOnlyKey), classification.reason(),
                    Optional.empty(), readOnlyKey);
        }
        String reason = classification.reason() + "; " + decision.reason();
        if (decision.replica().isPresent()) {
            return new RoutePlan(Step.REPLICA, decision.replica(), Placement.replicaRead(), reason, Optional.empty(),
                    readOnlyKey);
        }
        if (decision.mustWait()) {
            // the most advanced candidate comes first: if it has not replayed the token, none has
            return new RoutePlan(Step.AWAIT_REPLAY, Optional.of(decision.waitFor().get(0)), Placement.replicaRead(),
                    reason, Optional.of(TOKEN_NOT_REPLAYED), readOnlyKey);
        }
        return new RoutePlan(Step.FALLBACK, Optional.empty(), Placement.primaryRead(), reason,
                Optional.of(level.wireName()), readOnlyKey);
    }

    /** What runs on the primary when the replica read cannot: read only, with the primary's token. */
    public Placement fallback() {
        return Placement.primaryRead();
    }

    /**
     * How a statement the replica refused as a write (25006) runs again: as a write on the primary, read only for a
     * read-only key, whose refusal then stands.
     */
    public Placement retryAsWrite() {
        return Placement.write(readOnlyKey);
    }

    /** The hot path: an autocommit read on a replica's shared, pipelined connection. */
    public boolean pipelined(boolean multiStatement) {
        return step == Step.REPLICA && placement.mayShare() && !multiStatement;
    }
}
