package io.perfsuite.loadbalancer.endpoint;

/**
 * Active health-check thresholds (HAProxy's {@code fall 3 rise 2}).
 *
 * @param fall consecutive failed checks that make a healthy endpoint unhealthy
 * @param rise consecutive passed checks that make an unhealthy endpoint healthy again
 * @param startHealthy whether a new endpoint takes traffic before its first check; when false it waits for one passing
 *        check (Envoy's behaviour), and slow start begins at that check
 */
public record HealthThresholds(int fall, int rise, boolean startHealthy) {

    public static final HealthThresholds DEFAULT = new HealthThresholds(3, 2, true);

    public HealthThresholds {
        if (fall < 1) {
            throw new IllegalArgumentException("fall must be at least 1, was " + fall);
        }
        if (rise < 1) {
            throw new IllegalArgumentException("rise must be at least 1, was " + rise);
        }
    }
}
