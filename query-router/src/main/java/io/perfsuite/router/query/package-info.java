/** Running statements: parameters from JSON, node choice, retries, tokens, results as JSON. */
package io.perfsuite.router.query;
