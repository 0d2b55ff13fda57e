/**
 * Pure decisions about running one statement once the classifier and the replica selector have spoken: the
 * protections it runs with, what its response carries, what a failure leaves to retry, whether its result may be
 * cached and what it invalidates. No Vert.x, Quarkus or JDBC imports (PureCoreArchitectureTest); the executor in
 * {@code query} sequences the I/O these classes decide.
 */
package io.perfsuite.router.execution;
