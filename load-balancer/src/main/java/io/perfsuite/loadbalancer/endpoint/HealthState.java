package io.perfsuite.loadbalancer.endpoint;

/** The active health checks' verdict on an endpoint, after fall/rise thresholds. */
public enum HealthState {
    HEALTHY, UNHEALTHY
}
