/** RFC 9457 problem bodies: the router's only error format. */
package io.perfsuite.router.problem;
