/**
 * Consistency levels, tokens and the choice of node for a read.
 * <p>
 * Pure core: no I/O, no threads, no clock reads (the caller passes "now"), randomness injected. May import only the
 * JDK. Enforced by {@code PureCoreArchitectureTest}.
 */
package io.perfsuite.router.consistency;
