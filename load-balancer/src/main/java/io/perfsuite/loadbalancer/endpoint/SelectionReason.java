package io.perfsuite.loadbalancer.endpoint;

/** Why an endpoint was picked: the proxy puts this on its span and metrics. */
public enum SelectionReason {
    /** ranked by the pool's strategy */
    STRATEGY,
    /** a retry: the strategy ranked among endpoints not yet tried */
    RETRY,
    /** too few endpoints were available, so the pool balanced over all of them (Envoy's panic mode) */
    PANIC,
    /** the request was pinned to this endpoint (sticky cookie) */
    STICKY,
    /** nothing could be chosen */
    NONE
}
