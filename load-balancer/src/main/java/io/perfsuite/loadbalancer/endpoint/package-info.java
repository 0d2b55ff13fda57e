/**
 * Endpoints and pools: live state (in flight, peak EWMA, health with fall/rise, passive ejection, slow start,
 * draining) and the pool's candidate filter (panic mode, max ejected share). Pure Java with an injected clock; every
 * time-dependent value is computed when read, so nothing here needs a timer. Held to that by
 * {@code PureCoreArchitectureTest}; {@code java.net.URI} is the one java.net type allowed, as a value.
 */
package io.perfsuite.loadbalancer.endpoint;
