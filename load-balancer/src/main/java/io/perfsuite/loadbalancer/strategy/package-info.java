/**
 * Balancing strategies: one class per strategy behind {@link io.perfsuite.loadbalancer.strategy.BalancingStrategy},
 * registered by name in {@link io.perfsuite.loadbalancer.strategy.StrategyFactory}. Pure Java: no framework, network
 * or file access, no clock or global randomness (the random source is injected). Held to that by
 * {@code PureCoreArchitectureTest}.
 */
package io.perfsuite.loadbalancer.strategy;
