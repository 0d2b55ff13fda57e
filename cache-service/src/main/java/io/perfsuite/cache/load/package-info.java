/**
 * Stampede protection for read-through loads.
 * <p>
 * Pure core: no I/O, never blocks or sleeps; works on {@link java.util.concurrent.CompletableFuture}s handed in by
 * the caller. May import only the JDK; never Quarkus, Vert.x, Jakarta, SmallRye, {@code java.net} or files. Enforced
 * by {@code PureCoreArchitectureTest}.
 */
package io.perfsuite.cache.load;
