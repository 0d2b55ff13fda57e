package io.perfsuite.loadbalancer.strategy;

import java.util.List;

import io.perfsuite.loadbalancer.endpoint.Endpoint;

/**
 * Picks one endpoint among eligible candidates. The pool has already filtered them (healthy, not ejected, not
 * draining, weight above zero, not excluded by a retry), so a strategy only ranks. One class per strategy; an instance
 * belongs to one pool and may keep state (a round-robin cursor, a hash ring), so implementations are thread-safe.
 */
public interface BalancingStrategy {

    /** The name configuration uses: "round-robin", "peak-ewma", ... */
    String name();

    /** @return the chosen endpoint, or null when {@code candidates} is empty */
    Endpoint choose(List<Endpoint> candidates, RequestAttributes request);

    /** Called once the chosen endpoint answered, before the response head goes out (e.g. to set a sticky cookie). */
    default void onResponse(Endpoint chosen, RequestAttributes request, ResponseDecorator response) {
    }

    /**
     * Whether {@code chosen} was picked because the request was pinned to it (a sticky cookie) rather than by ranking;
     * the pool reports that as {@code SelectionReason.STICKY}.
     */
    default boolean pinned(Endpoint chosen, RequestAttributes request) {
        return false;
    }
}
