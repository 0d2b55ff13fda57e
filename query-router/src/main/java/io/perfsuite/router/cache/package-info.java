/**
 * Query results cached in cache-service over REST, tagged with the tables they read. Writes invalidate the tags of
 * the tables they write before they are acknowledged; when that cannot be confirmed the cache is not read again
 * until everything the router stored has been invalidated.
 */
package io.perfsuite.router.cache;
