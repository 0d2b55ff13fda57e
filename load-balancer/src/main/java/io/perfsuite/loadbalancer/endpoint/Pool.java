package io.perfsuite.loadbalancer.endpoint;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.perfsuite.loadbalancer.resilience.RetryBudget;
import io.perfsuite.loadbalancer.strategy.BalancingStrategy;
import io.perfsuite.loadbalancer.strategy.RequestAttributes;
import io.perfsuite.loadbalancer.strategy.ResponseDecorator;

/**
 * A named set of endpoints with its strategy and resilience settings. The pool decides who is a candidate (available,
 * weight above zero, not yet tried by this request), switches to panic mode when too few are available, bounds
 * ejections to the policy's share, and hands the ranking to the strategy.
 */
public final class Pool {

    private static final List<Endpoint> NONE = List.of();

    private final String name;
    private final BalancingStrategy strategy;
    private final PoolPolicy policy;
    private final Clock clock;
    private final RetryBudget retryBudget;
    private volatile List<Endpoint> endpoints = NONE;

    public Pool(String name, BalancingStrategy strategy, PoolPolicy policy, Clock clock, List<EndpointSpec> specs) {
        this.name = Objects.requireNonNull(name, "name");
        this.strategy = Objects.requireNonNull(strategy, "strategy");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retryBudget = new RetryBudget(policy.retryBudget(), clock);
        replaceEndpoints(specs);
    }

    public String name() {
        return name;
    }

    public BalancingStrategy strategy() {
        return strategy;
    }

    public PoolPolicy policy() {
        return policy;
    }

    /** The current endpoints, in configuration order; a snapshot. */
    public List<Endpoint> endpoints() {
        return endpoints;
    }

    public Optional<Endpoint> endpoint(String id) {
        for (Endpoint endpoint : endpoints) {
            if (endpoint.id().equals(id)) {
                return Optional.of(endpoint);
            }
        }
        return Optional.empty();
    }

    /** The pool's retry budget: the proxy records each original request and asks it before every retry. */
    public RetryBudget retryBudget() {
        return retryBudget;
    }

    /**
     * Picks an endpoint for {@code request}, never one in {@code exclude} (those a retry already tried).
     *
     * @param exclude may be null or empty
     */
    public Selection choose(RequestAttributes request, Set<Endpoint> exclude) {
        List<Endpoint> all = endpoints;
        boolean retry = exclude != null && !exclude.isEmpty();
        int size = all.size();
        int eligible = 0;
        int available = 0;
        for (int i = 0; i < size; i++) {
            Endpoint endpoint = all.get(i);
            if (!endpoint.draining() && endpoint.configuredWeight() != 0) {
                eligible++;
                if (endpoint.available()) {
                    available++;
                }
            }
        }
        if (eligible == 0) {
            return Selection.none();
        }
        boolean panic = panics(available, eligible);
        List<Endpoint> candidates;
        if (!panic && !retry && available == size) {
            // every endpoint can take it (the usual case): the pool's own immutable list, no copy per request
            candidates = all;
        } else if (!panic) {
            candidates = new ArrayList<>(available);
            for (int i = 0; i < size; i++) {
                Endpoint endpoint = all.get(i);
                if (!endpoint.draining() && endpoint.configuredWeight() != 0 && endpoint.available()
                        && (!retry || !exclude.contains(endpoint))) {
                    candidates.add(endpoint);
                }
            }
        } else {
            // too few left to carry the load: spreading over all beats crushing the survivors (Envoy's panic mode)
            candidates = new ArrayList<>(eligible);
            for (Endpoint endpoint : all) {
                if (!endpoint.draining() && endpoint.configuredWeight() > 0
                        && (!retry || !exclude.contains(endpoint))) {
                    candidates.add(endpoint);
                }
            }
        }
        if (candidates.isEmpty()) {
            return Selection.none();
        }
        Endpoint chosen = strategy.choose(candidates, request);
        if (chosen == null) {
            return Selection.none();
        }
        SelectionReason reason;
        if (panic) {
            reason = SelectionReason.PANIC;
        } else if (retry) {
            reason = SelectionReason.RETRY;
        } else if (strategy.pinned(chosen, request)) {
            reason = SelectionReason.STICKY;
        } else {
            reason = SelectionReason.STRATEGY;
        }
        return new Selection(chosen, reason);
    }

    /** Lets the strategy decorate the response for the endpoint that served it. */
    public void onResponse(Endpoint chosen, RequestAttributes request, ResponseDecorator response) {
        strategy.onResponse(chosen, request, response);
    }

    /** Whether the pool is in panic mode right now, for metrics and the admin API. */
    public boolean panicking() {
        int eligible = 0;
        int available = 0;
        for (Endpoint endpoint : endpoints) {
            if (endpoint.draining() || endpoint.configuredWeight() == 0) {
                continue;
            }
            eligible++;
            if (endpoint.available()) {
                available++;
            }
        }
        return eligible > 0 && panics(available, eligible);
    }

    private boolean panics(int available, int eligible) {
        int threshold = policy.panicThresholdPercent();
        return threshold > 0 && available * 100L < (long) threshold * eligible;
    }

    /**
     * Replaces the set of endpoints (discovery, reload). An endpoint whose id and URI survive keeps its live state and
     * takes the new weight; a new one joins and starts its slow start; one no longer listed is drained and dropped
     * (its in-flight requests finish on their leases).
     */
    public synchronized void replaceEndpoints(List<EndpointSpec> specs) {
        Objects.requireNonNull(specs, "specs");
        Set<String> ids = new HashSet<>();
        for (EndpointSpec spec : specs) {
            if (!ids.add(spec.id())) {
                throw new IllegalArgumentException("pool " + name + " lists endpoint " + spec.id() + " twice");
            }
        }
        Map<String, Endpoint> current = new HashMap<>();
        for (Endpoint endpoint : endpoints) {
            current.put(endpoint.id(), endpoint);
        }
        List<Endpoint> next = new ArrayList<>(specs.size());
        for (EndpointSpec spec : specs) {
            Endpoint kept = current.get(spec.id());
            if (kept != null && kept.uri().equals(spec.uri())) {
                kept.setWeight(spec.weight());
                current.remove(spec.id());
                next.add(kept);
            } else {
                next.add(new Endpoint(spec, policy, clock, this::requestEjection));
            }
        }
        for (Endpoint removed : current.values()) {
            removed.drain();
        }
        endpoints = List.copyOf(next);
    }

    private synchronized void requestEjection(Endpoint endpoint) {
        List<Endpoint> members = endpoints;
        if (!members.contains(endpoint)) {
            return;
        }
        int ejected = 0;
        for (Endpoint member : members) {
            if (member.ejected()) {
                ejected++;
            }
        }
        if (ejected < policy.outlierDetection().maxEjected(members.size())) {
            endpoint.ejectNow();
        }
    }

    @Override
    public String toString() {
        return "Pool[" + name + ", " + strategy.name() + ", " + endpoints.size() + " endpoints]";
    }
}
