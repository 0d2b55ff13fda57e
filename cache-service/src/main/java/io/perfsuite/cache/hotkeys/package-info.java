/**
 * Which keys are hot: sampled read counts that warm start uses to preload a new replica's L1.
 * <p>
 * Pure core: no I/O and no hidden randomness (the sampling source is injected). May import only the JDK. Enforced by
 * {@code PureCoreArchitectureTest}.
 */
package io.perfsuite.cache.hotkeys;
