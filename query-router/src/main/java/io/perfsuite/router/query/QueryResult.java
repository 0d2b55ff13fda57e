package io.perfsuite.router.query;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What POST /v1/query returns. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QueryResult(List<Column> columns, List<List<Object>> rows, int rowCount, String routedTo, String reason,
        String consistencyToken, long durationMs, boolean cached) {

    public record Column(String name, String type) {
    }

    QueryResult withTiming(String routedTo, String reason, String token, long durationMs) {
        return new QueryResult(columns, rows, rowCount, routedTo, reason, token, durationMs, cached);
    }
}
