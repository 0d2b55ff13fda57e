/**
 * The circuit breaker that takes a failing node out of rotation and lets it back in only after it proved healthy.
 * <p>
 * Pure core: no I/O, no threads, time from an injected {@link java.time.Clock}. May import only the JDK. Enforced by
 * {@code PureCoreArchitectureTest}.
 */
package io.perfsuite.router.breaker;
