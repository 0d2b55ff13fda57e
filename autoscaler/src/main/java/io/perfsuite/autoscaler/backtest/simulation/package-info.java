/**
 * Backtest simulation, pure like the decision core: a policy's decider replayed over a demand series with a
 * simulated clock, pods that take their start-up time to become ready, and the bill (under-provisioned minutes,
 * replica-hours, scale events). No I/O; {@code PureCoreArchitectureTest} enforces it.
 */
package io.perfsuite.autoscaler.backtest.simulation;
