package io.perfsuite.monitor.alerting;

/** Prometheus's alert states; a resolved alert is {@code INACTIVE} with a {@code resolvedAt}. */
public enum AlertState {
    INACTIVE, PENDING, FIRING;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
