package io.perfsuite.autoscaler.evaluation;

/**
 * A metric the evaluation could not read.
 *
 * @param field the spec field at fault, e.g. {@code spec.metrics[1].query}
 * @param rejected Prometheus refused the query (bad PromQL: fixing the spec is the only cure); otherwise it was
 *        unreachable, slow or failing and the query is tried again next evaluation
 * @param message what Prometheus or the client said
 */
public record MetricProblem(String field, boolean rejected, String message) {

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
