/**
 * Which reads may be cached, for how long and under which tags, and which tags a write must drop: table names
 * resolved against a catalog snapshot, views expanded to what they read, and writes followed through partitions,
 * cascading foreign keys, triggers and rules.
 * <p>
 * Pure core: no I/O, no threads, no clock reads. May import only the JDK. Enforced by
 * {@code PureCoreArchitectureTest}.
 */
package io.perfsuite.router.cache.policy;
