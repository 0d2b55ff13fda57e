/**
 * The scaling decision, pure: HPA's formula and behaviour, step rules, schedules, prediction, fallback and modes.
 * <p>
 * Rule: plain Java only. No fabric8, Quarkus, Vert.x, network or files, and no hidden time: every class takes a
 * {@link java.time.Clock} or an {@link java.time.Instant}. {@code PureCoreArchitectureTest} enforces it.
 */
package io.perfsuite.autoscaler.decision;
