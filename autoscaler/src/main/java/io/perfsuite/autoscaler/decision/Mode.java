package io.perfsuite.autoscaler.decision;

public enum Mode {
    /** Decide and act. */
    AUTO,
    /** Decide and report; change nothing (AWS predictive scaling's ForecastOnly, a dry run). */
    RECOMMEND,
    /** Hold the current count, or a fixed one (KEDA's paused-replicas). */
    PAUSED
}
