/**
 * When an entry is fresh, servable stale, or gone: HTTP {@code Cache-Control} parsing, lifetime policy and XFetch
 * probabilistic early refresh.
 * <p>
 * Pure core: no I/O, no clock reads (time is a parameter), randomness is injected. May import only the JDK and the
 * other pure-core packages; never Quarkus, Vert.x, Jakarta, SmallRye, {@code java.net} or files. Enforced by
 * {@code PureCoreArchitectureTest}.
 */
package io.perfsuite.cache.freshness;
