/**
 * Where a statement may run: the parser-based classifier, the rules about functions, and the statement splitter.
 * <p>
 * Pure core: no I/O, no threads, no clock reads. May import the JDK and JSqlParser ({@code net.sf.jsqlparser}); never
 * Quarkus, Vert.x, Jakarta, SmallRye, {@code java.net} or files. Function volatility comes in through
 * {@link io.perfsuite.router.routing.FunctionCatalog}, filled by an adapter from {@code pg_proc}. Enforced by
 * {@code PureCoreArchitectureTest}.
 */
package io.perfsuite.router.routing;
