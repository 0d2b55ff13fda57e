package io.perfsuite.loadbalancer.endpoint;

import java.util.Objects;

import io.perfsuite.loadbalancer.resilience.AdmissionLimits;
import io.perfsuite.loadbalancer.resilience.RetryBudget;
import io.perfsuite.loadbalancer.resilience.RetryPolicy;

/**
 * Everything a pool and its endpoints decide with, besides the strategy.
 *
 * @param panicThresholdPercent when fewer than this share of the pool's endpoints are available, the pool balances over
 *        all of them (Envoy's panic mode, default 50); 0 disables panic mode
 */
public record PoolPolicy(HealthThresholds health, SlowStart slowStart, OutlierDetection outlierDetection,
        PeakEwma peakEwma, AdmissionLimits admission, RetryPolicy retry, RetryBudget.Settings retryBudget,
        int panicThresholdPercent) {

    public static final PoolPolicy DEFAULT = new PoolPolicy(HealthThresholds.DEFAULT, SlowStart.DISABLED,
            OutlierDetection.DEFAULT, PeakEwma.DEFAULT, AdmissionLimits.UNLIMITED, RetryPolicy.DEFAULT,
            RetryBudget.Settings.DEFAULT, 50);

    public PoolPolicy {
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(slowStart, "slowStart");
        Objects.requireNonNull(outlierDetection, "outlierDetection");
        Objects.requireNonNull(peakEwma, "peakEwma");
        Objects.requireNonNull(admission, "admission");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(retryBudget, "retryBudget");
        if (panicThresholdPercent < 0 || panicThresholdPercent > 100) {
            throw new IllegalArgumentException("panic threshold must be between 0 and 100 %, was "
                    + panicThresholdPercent);
        }
    }

    public PoolPolicy withHealth(HealthThresholds value) {
        return new PoolPolicy(value, slowStart, outlierDetection, peakEwma, admission, retry, retryBudget,
                panicThresholdPercent);
    }

    public PoolPolicy withSlowStart(SlowStart value) {
        return new PoolPolicy(health, value, outlierDetection, peakEwma, admission, retry, retryBudget,
                panicThresholdPercent);
    }

    public PoolPolicy withOutlierDetection(OutlierDetection value) {
        return new PoolPolicy(health, slowStart, value, peakEwma, admission, retry, retryBudget,
                panicThresholdPercent);
    }

    public PoolPolicy withPeakEwma(PeakEwma value) {
        return new PoolPolicy(health, slowStart, outlierDetection, value, admission, retry, retryBudget,
                panicThresholdPercent);
    }

    public PoolPolicy withAdmission(AdmissionLimits value) {
        return new PoolPolicy(health, slowStart, outlierDetection, peakEwma, value, retry, retryBudget,
                panicThresholdPercent);
    }

    public PoolPolicy withRetry(RetryPolicy value) {
        return new PoolPolicy(health, slowStart, outlierDetection, peakEwma, admission, value, retryBudget,
                panicThresholdPercent);
    }

    public PoolPolicy withRetryBudget(RetryBudget.Settings value) {
        return new PoolPolicy(health, slowStart, outlierDetection, peakEwma, admission, retry, value,
                panicThresholdPercent);
    }

    public PoolPolicy withPanicThresholdPercent(int value) {
        return new PoolPolicy(health, slowStart, outlierDetection, peakEwma, admission, retry, retryBudget, value);
    }
}
