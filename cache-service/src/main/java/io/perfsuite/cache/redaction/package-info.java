/**
 * Removing credentials from what the service prints. Pure: no framework or I/O imports (see PureCoreArchitectureTest).
 */
package io.perfsuite.cache.redaction;
