package io.perfsuite.loadbalancer.endpoint;

import java.time.Duration;
import java.util.Objects;

/**
 * Linkerd's peak-EWMA latency estimate settings.
 *
 * @param defaultRtt the estimate a new endpoint starts with, so it is neither flooded nor starved (Linkerd: 30 ms)
 * @param decay the time constant tau: a lower sample blends in with weight {@code 1 - e^(-dt/tau)}, and an idle
 *        estimate decays toward zero at that rate (Linkerd: 10 s)
 */
public record PeakEwma(Duration defaultRtt, Duration decay) {

    public static final PeakEwma DEFAULT = new PeakEwma(Duration.ofMillis(30), Duration.ofSeconds(10));

    public PeakEwma {
        Objects.requireNonNull(defaultRtt, "defaultRtt");
        Objects.requireNonNull(decay, "decay");
        if (defaultRtt.isNegative()) {
            throw new IllegalArgumentException("default RTT must not be negative, was " + defaultRtt);
        }
        if (decay.isNegative() || decay.isZero()) {
            throw new IllegalArgumentException("EWMA decay must be positive, was " + decay);
        }
    }
}
