/**
 * The adapters that run statements: they sequence the I/O (pools, shared connections, cache-service, the stream) that
 * the pure classes in {@code execution}, {@code consistency}, {@code routing} and {@code cache.policy} decide, and
 * turn requests into commands and failures into problems.
 */
package io.perfsuite.router.query;
