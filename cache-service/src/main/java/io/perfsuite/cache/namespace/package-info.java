/**
 * Per-namespace settings in plain values: TTL parsing and capping.
 * <p>
 * Pure core: no I/O, no clock reads. May import only the JDK; never Quarkus, Vert.x, Jakarta, SmallRye,
 * {@code java.net} or files. Enforced by {@code PureCoreArchitectureTest}.
 */
package io.perfsuite.cache.namespace;
