/**
 * The decisions of the tiered read and write paths, and of what a replica can serve: which tier answers, whether a
 * value read may be written back into L1, whether the replica is ready. Pure Java: no framework, Redis or Vert.x
 * imports (see PureCoreArchitectureTest); {@code tier.TieredCache} only sequences the I/O these decide on.
 */
package io.perfsuite.cache.tiering;
