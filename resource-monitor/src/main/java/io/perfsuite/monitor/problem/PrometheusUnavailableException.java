package io.perfsuite.monitor.problem;

/** Prometheus did not answer in time or answered with an error; the caller gets a 503, not a 500. */
public class PrometheusUnavailableException extends RuntimeException {

    public PrometheusUnavailableException(Throwable cause) {
        super("Prometheus is unavailable: " + cause.getMessage(), cause);
    }
}
