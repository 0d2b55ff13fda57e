package io.perfsuite.router.query;

import java.time.Duration;
import java.util.Optional;

import io.perfsuite.router.consistency.ConsistencyLevel;
import io.perfsuite.router.consistency.ConsistencyToken;
import io.vertx.mutiny.sqlclient.Tuple;

/** A validated /v1/query or /v1/query/stream request ({@link Admission}). */
record QueryCommand(String sql, Tuple params, ConsistencyLevel level, Optional<Duration> maxStaleness,
        Optional<ConsistencyToken> token, Duration timeout, int maxRows) {
}
