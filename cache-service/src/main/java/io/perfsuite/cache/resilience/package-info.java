/**
 * Failure isolation for the L2 tier (circuit breaker).
 * <p>
 * Pure core: a state machine with an injected {@link java.time.Clock}; no I/O, no timers, no sleeping. May import only
 * the JDK; never Quarkus, Vert.x, Jakarta, SmallRye, {@code java.net} or files. Enforced by
 * {@code PureCoreArchitectureTest}.
 */
package io.perfsuite.cache.resilience;
