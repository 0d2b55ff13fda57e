package io.perfsuite.loadbalancer.endpoint;

import java.time.Duration;
import java.util.Objects;

/**
 * Peak-EWMA latency estimate settings (Linkerd's, plus a sample window).
 *
 * @param defaultRtt the estimate a new endpoint starts with, so it is neither flooded nor starved (Linkerd: 30 ms)
 * @param decay the time constant tau: a lower sample blends in with weight {@code 1 - e^(-dt/tau)}, and an idle
 *        estimate decays toward zero at that rate (Linkerd: 10 s)
 * @param window a lower sample blends in with weight at least {@code 1/window}, so a peak also fades after about
 *        {@code window} samples that contradict it, not only after tau of time (at thousands of answers per second
 *        tau alone lets one spike outvote tens of thousands of them)
 */
public record PeakEwma(Duration defaultRtt, Duration decay, int window) {

    public static final int DEFAULT_WINDOW = 100;

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
        if (window < 1) {
            throw new IllegalArgumentException("EWMA window must be at least 1 sample, was " + window);
        }
    }

    public PeakEwma(Duration defaultRtt, Duration decay) {
        this(defaultRtt, decay, DEFAULT_WINDOW);
    }
}
