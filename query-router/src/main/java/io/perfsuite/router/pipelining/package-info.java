/**
 * Pure rules for sharing a few server connections among many concurrent reads (protocol pipelining): which lane a
 * read joins, and when it is better off on a connection of its own.
 */
package io.perfsuite.router.pipelining;
