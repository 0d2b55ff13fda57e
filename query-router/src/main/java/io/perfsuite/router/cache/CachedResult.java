package io.perfsuite.router.cache;

import java.util.List;

import io.perfsuite.router.query.QueryResult;

/**
 * What the router stores per cached query.
 *
 * @param lsn a WAL position the data is at least as new as (the node's position sampled before the query ran), so a
 *        read-your-writes read only takes the entry when it is at or past the read's token
 * @param timeline the timeline of {@code lsn}
 */
public record CachedResult(List<QueryResult.Column> columns, List<List<Object>> rows, String lsn, int timeline) {
}
