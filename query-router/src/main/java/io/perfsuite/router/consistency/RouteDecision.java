package io.perfsuite.router.consistency;

import java.util.List;
import java.util.Optional;

/**
 * Where a read goes: a named replica, the primary, or "wait" for one of the candidates to replay a token.
 *
 * @param replica the chosen replica, empty for the primary (or while waiting)
 * @param waitFor replicas that may replay the token soon; non-empty only when the caller should wait
 * @param reason why, for the response and the span
 */
public record RouteDecision(Optional<String> replica, List<String> waitFor, String reason) {

    public static RouteDecision replica(String name, String reason) {
        return new RouteDecision(Optional.of(name), List.of(), reason);
    }

    public static RouteDecision primary(String reason) {
        return new RouteDecision(Optional.empty(), List.of(), reason);
    }

    public static RouteDecision waitFor(List<String> candidates, String reason) {
        return new RouteDecision(Optional.empty(), List.copyOf(candidates), reason);
    }

    public boolean toPrimary() {
        return replica.isEmpty() && waitFor.isEmpty();
    }

    public boolean mustWait() {
        return !waitFor.isEmpty();
    }
}
