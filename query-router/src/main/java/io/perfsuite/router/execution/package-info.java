/**
 * Pure decisions about running one statement once the classifier and the replica selector have spoken: where it
 * runs and what stands in for it ({@code RoutePlan}), the protections it runs with ({@code Placement}), the token its
 * response carries, what a failure leaves to retry, how long a read-your-writes read waits, and what a write
 * invalidates (whether a result may be cached is {@code cache.policy}'s). No Vert.x, Quarkus or JDBC imports (PureCoreArchitectureTest); the executor in
 * {@code query} sequences the I/O these classes decide.
 */
package io.perfsuite.router.execution;
