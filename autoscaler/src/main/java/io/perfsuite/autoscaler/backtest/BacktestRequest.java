package io.perfsuite.autoscaler.backtest;

import java.time.Instant;
import java.util.List;

import io.perfsuite.autoscaler.api.v1alpha1.ScalingPolicySpec;

/**
 * POST /v1/backtest body: a policy spec and a demand series, inline or from a Prometheus range query.
 *
 * @param demandMetric which of the policy's metrics carries the demand; default the predicted one, else the first
 *        with a target
 * @param scoreFromSeconds accounting starts this long after the first point (warm-up for prediction)
 * @param includeSteps whether to return every simulated step (default true)
 */
public record BacktestRequest(ScalingPolicySpec policy, String demandMetric, List<Point> demand,
        PrometheusRange prometheus, Double capacityPerReplica, Integer podStartupSeconds, Integer initialReplicas,
        Long scoreFromSeconds, Boolean includeSteps) {

    public record Point(Instant time, Double value) {
    }

    /** A range query: from/to as RFC 3339 times. */
    public record PrometheusRange(String query, Instant from, Instant to, Integer stepSeconds) {
    }
}
