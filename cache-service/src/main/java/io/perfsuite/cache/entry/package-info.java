/**
 * Cache entries and their binary L2 format.
 * <p>
 * Pure core: no I/O, no threads, no clock reads. May import only the JDK and {@code net.jpountz} (lz4-java: LZ4
 * compression and xxHash); never Quarkus, Vert.x, Jakarta, SmallRye, {@code java.net} or files. Enforced by
 * {@code PureCoreArchitectureTest}.
 */
package io.perfsuite.cache.entry;
