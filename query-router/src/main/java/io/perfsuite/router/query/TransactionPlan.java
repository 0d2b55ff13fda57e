package io.perfsuite.router.query;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import io.perfsuite.router.api.TransactionRequest;
import io.perfsuite.router.config.RouterConfig.Role;
import io.perfsuite.router.execution.WriteInvalidation;
import io.perfsuite.router.problem.ProblemException;
import io.perfsuite.router.routing.Classification;
import io.perfsuite.router.routing.Refusal;

/**
 * What a /v1/transaction request runs, decided before anything does: every statement admitted and classified, or the
 * request refused with a 4xx problem naming {@code statements[i].sql} or {@code statements[i].params}. No I/O: the
 * executor only opens the transaction, runs the steps, and closes it as the plan says.
 *
 * @param setTransaction the statement that opens the transaction: its isolation, and READ ONLY for a read-only key so
 *        PostgreSQL itself refuses what the classifier may have missed
 * @param discardTemp a statement may leave temporary objects behind (the refusals a transaction allows): the pooled
 *        connection runs DISCARD TEMP after the commit or rollback, so its next borrower does not see them
 * @param maxRows the rows each statement may return
 * @param invalidation what the transaction drops from the result cache once committed
 */
record TransactionPlan(List<Step> steps, String setTransaction, boolean discardTemp, Duration timeout, int maxRows,
        WriteInvalidation invalidation) {

    static final int MAX_STATEMENTS = 1000;

    TransactionPlan {
        steps = List.copyOf(steps);
    }

    /**
     * One statement of the transaction.
     *
     * @param params the values to bind, checked ({@link JsonParams#values}); empty for a multi-statement string
     * @param simple several statements in one string: sent with the simple protocol, which takes no parameters
     */
    record Step(String sql, List<Object> params, boolean simple, Classification classification) {
    }

    /**
     * @param classify the catalog's classification of one SQL string
     * @throws ProblemException for a request that must not run; nothing has run then
     */
    static TransactionPlan of(TransactionRequest request, Role role, Function<String, Classification> classify,
            Admission admission) {
        if (request == null || request.statements() == null || request.statements().isEmpty()) {
            throw ProblemException.invalid("statements", "required", "statements must hold at least one statement");
        }
        if (request.statements().size() > MAX_STATEMENTS) {
            throw ProblemException.invalid("statements", "max",
                    "statements may hold at most " + MAX_STATEMENTS + " statements");
        }
        String isolation = Admission.isolation(request.isolation());
        Duration timeout = admission.timeout(request.timeoutMs());
        int maxRows = admission.maxRows(request.maxRows());
        List<Step> steps = new ArrayList<>(request.statements().size());
        boolean temporary = false;
        for (int i = 0; i < request.statements().size(); i++) {
            Step step = step(request.statements().get(i), "statements[" + i + "]", role, classify, admission);
            temporary |= step.classification().refusal().isPresent();
            steps.add(step);
        }
        String setTransaction = "SET TRANSACTION ISOLATION LEVEL " + isolation + (role == Role.READER ? " READ ONLY" : "");
        WriteInvalidation invalidation = WriteInvalidation
                .afterTransaction(steps.stream().map(Step::classification).toList());
        return new TransactionPlan(steps, setTransaction, temporary, timeout, maxRows, invalidation);
    }

    private static Step step(TransactionRequest.Statement statement, String field, Role role,
            Function<String, Classification> classify, Admission admission) {
        if (statement == null) {
            throw ProblemException.invalid(field, "required", field + " is missing");
        }
        String sql = admission.sql(statement.sql(), field + ".sql");
        Classification classification = classify.apply(sql);
        Optional<Refusal> refusal = classification.refusal();
        if (refusal.isPresent() && !refusal.get().allowedInTransaction()) {
            throw Admission.refused(refusal.get(), field + ".sql");
        }
        if (role == Role.READER && !classification.isRead()) {
            throw Admission.readOnlyKey(field + ".sql", classification);
        }
        List<Object> params = JsonParams.values(statement.params(), field + ".params");
        boolean simple = classification.statements() > 1;
        if (simple && !params.isEmpty()) {
            throw ProblemException.invalid(field + ".params", "single-statement", "parameters need a single statement");
        }
        return new Step(sql, params, simple, classification);
    }

    /** The statements' SQL, in order (the slow log's view of the transaction). */
    List<String> sqls() {
        return steps.stream().map(Step::sql).toList();
    }
}
