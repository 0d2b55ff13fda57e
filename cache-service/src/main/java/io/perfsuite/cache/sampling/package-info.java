/**
 * Which cache reads start a trace of their own, decided before any span machinery runs.
 * <p>
 * Pure core: no I/O, no clock, no hidden randomness (the caller draws the number). May import only the JDK; never
 * Quarkus, Vert.x, Jakarta, SmallRye, {@code java.net} or files. Enforced by {@code PureCoreArchitectureTest}.
 */
package io.perfsuite.cache.sampling;
