/**
 * The router's problem types and extension members on the suite's one RFC 9457 shape ({@code io.perfsuite.api.problem},
 * whose mappers answer every Jakarta REST failure).
 */
package io.perfsuite.router.problem;
