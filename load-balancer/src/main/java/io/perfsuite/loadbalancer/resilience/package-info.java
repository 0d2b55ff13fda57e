/**
 * Pure admission and retry decisions: per-endpoint concurrency limit with a bounded FIFO queue (callbacks, expiry
 * driven by the proxy's timer and the injected clock), the retry budget and which attempts may be retried. No
 * framework, network, file or clock access; held to that by {@code PureCoreArchitectureTest}.
 */
package io.perfsuite.loadbalancer.resilience;
