/**
 * The decisions behind the invalidation streams that keep L1 coherent: when a silent stream gets a PING and when it
 * is dead, what a push from Redis drops, and when to resubscribe. Pure Java: no Vert.x or Redis imports (see
 * PureCoreArchitectureTest); {@code coherence.InvalidationListener} only does the I/O these decide on.
 */
package io.perfsuite.cache.invalidation;
