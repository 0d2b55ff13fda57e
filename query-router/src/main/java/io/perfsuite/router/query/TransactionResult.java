package io.perfsuite.router.query;

import java.util.List;

/** What POST /v1/transaction returns. */
public record TransactionResult(List<StatementResult> results, String routedTo, String consistencyToken,
        long durationMs) {
}
