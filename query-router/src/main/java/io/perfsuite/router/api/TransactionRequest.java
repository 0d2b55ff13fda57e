package io.perfsuite.router.api;

import java.util.List;

/**
 * Body of POST /v1/transaction: statements run in order in one transaction on the primary; {@code maxRows} bounds
 * the rows of each statement.
 */
public record TransactionRequest(List<Statement> statements, String isolation, Long timeoutMs, Integer maxRows) {

    public record Statement(String sql, List<Object> params) {
    }
}
