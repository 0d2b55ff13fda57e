package io.perfsuite.autoscaler.metrics;

/** A query Prometheus could not answer: unreachable, timed out after retries, or rejected (bad PromQL). */
public class PrometheusQueryException extends RuntimeException {

    private final boolean rejected;

    public PrometheusQueryException(String message, Throwable cause, boolean rejected) {
        super(message, cause);
        this.rejected = rejected;
    }

    /** True when Prometheus answered with a 4xx: retrying will not help. */
    public boolean rejected() {
        return rejected;
    }
}
