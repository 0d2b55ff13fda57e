package io.perfsuite.loadbalancer.proxy;

import io.vertx.core.MultiMap;

/**
 * What metrics and tracing learn about an exchange, called on its event loop. Implementations must be cheap: every
 * call is on the hot path.
 */
public interface ExchangeObserver {

    ExchangeObserver NONE = new ExchangeObserver() {
    };

    default void started(ProxyExchange exchange) {
    }

    /** An attempt on {@code exchange.endpoint()} is about to be sent. */
    default void attempt(ProxyExchange exchange) {
    }

    /** Headers going to the backend: trace context goes in here. */
    default void inject(ProxyExchange exchange, MultiMap headers) {
    }

    /** An attempt ended: the backend's status, or the proxy's 502/504, or 0 when a response was cut short. */
    default void attemptEnded(ProxyExchange exchange, int status) {
    }

    /** The exchange is over: the status the client got (499 when it went away first). */
    default void ended(ProxyExchange exchange, int status, boolean aborted) {
    }
}
