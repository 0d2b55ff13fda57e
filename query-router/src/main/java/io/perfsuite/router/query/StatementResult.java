package io.perfsuite.router.query;

import java.util.List;

/** One statement's result inside a transaction. */
public record StatementResult(List<QueryResult.Column> columns, List<List<Object>> rows, int rowCount) {
}
