package io.perfsuite.autoscaler.backtest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.perfsuite.autoscaler.backtest.simulation.DemandPoint;
import io.perfsuite.autoscaler.backtest.simulation.SimulationSettings;
import io.perfsuite.autoscaler.config.AutoscalerConfig;
import io.perfsuite.autoscaler.decision.MetricRule;
import io.perfsuite.autoscaler.decision.PolicyRules;
import io.perfsuite.autoscaler.metrics.MetricSample;
import io.perfsuite.autoscaler.metrics.PrometheusClient;
import io.perfsuite.autoscaler.policy.InvalidSpecException;
import io.perfsuite.autoscaler.policy.PolicySpecMapper;
import io.perfsuite.autoscaler.policy.SpecViolation;

/** Validates a backtest request, fetches the demand if it lives in Prometheus, and runs the comparison. */
@ApplicationScoped
public class BacktestService {

    /** Keeps one request from holding a worker for minutes: two weeks at one-minute steps is about 20,000. */
    static final int MAX_POINTS = 200_000;

    private final PrometheusClient prometheus;
    private final Duration defaultInterval;

    BacktestService(PrometheusClient prometheus, AutoscalerConfig config) {
        this.prometheus = prometheus;
        this.defaultInterval = config.evaluation().interval();
    }

    public BacktestReport run(BacktestRequest request) {
        List<SpecViolation> violations = new ArrayList<>();
        if (request == null) {
            throw new InvalidSpecException(List.of(new SpecViolation("body", "required", "a JSON body is required")));
        }
        PolicyRules rules = null;
        try {
            rules = PolicySpecMapper.toRules(request.policy());
        } catch (InvalidSpecException e) {
            e.violations().forEach(v -> violations.add(new SpecViolation(v.field().replaceFirst("^spec", "policy"),
                    v.rule(), v.message())));
        }
        MetricRule metric = null;
        if (rules != null) {
            metric = Backtest.demandMetric(rules, request.demandMetric());
            if (metric == null || !metric.hasTarget()) {
                violations.add(new SpecViolation(request.demandMetric() == null ? "policy.metrics" : "demandMetric",
                        "refers-to-metric-with-target", "the demand metric must be one of the policy's metrics "
                                + "and have a target"));
            }
        }
        if (request.capacityPerReplica() == null || !(request.capacityPerReplica() > 0)) {
            violations.add(new SpecViolation("capacityPerReplica", "exclusiveMinimum:0",
                    "capacityPerReplica must be positive"));
        }
        if (request.podStartupSeconds() != null && request.podStartupSeconds() < 0) {
            violations.add(new SpecViolation("podStartupSeconds", "minimum:0", "podStartupSeconds must not be negative"));
        }
        if ((request.demand() == null) == (request.prometheus() == null)) {
            violations.add(new SpecViolation("demand", "exactly-one-of:demand,prometheus",
                    "give the demand inline or as a Prometheus range query, not both or neither"));
        }
        List<DemandPoint> demand = violations.isEmpty() ? demand(request, violations) : List.of();
        if (!violations.isEmpty()) {
            throw new InvalidSpecException(violations);
        }
        Duration interval = request.policy().evaluationIntervalSeconds == null
                ? defaultInterval
                : Duration.ofSeconds(request.policy().evaluationIntervalSeconds);
        int initial = request.initialReplicas() != null
                ? request.initialReplicas()
                : Backtest.initialReplicas(rules, metric, demand.get(0).value(), request.capacityPerReplica());
        SimulationSettings settings = new SimulationSettings(request.capacityPerReplica(),
                Duration.ofSeconds(request.podStartupSeconds() == null ? 60 : request.podStartupSeconds()), interval,
                initial, Backtest.scoreFrom(demand, request.scoreFromSeconds()));
        return Backtest.compare(rules, metric, demand, settings, !Boolean.FALSE.equals(request.includeSteps()));
    }

    private List<DemandPoint> demand(BacktestRequest request, List<SpecViolation> violations) {
        List<DemandPoint> points = new ArrayList<>();
        if (request.demand() != null) {
            for (int i = 0; i < request.demand().size(); i++) {
                BacktestRequest.Point p = request.demand().get(i);
                if (p == null || p.time() == null || p.value() == null || p.value() < 0) {
                    violations.add(new SpecViolation("demand[" + i + "]", "time-and-non-negative-value",
                            "every point needs a time and a value >= 0"));
                    return List.of();
                }
                if (!points.isEmpty() && !p.time().isAfter(points.get(points.size() - 1).time())) {
                    violations.add(new SpecViolation("demand[" + i + "].time", "increasing",
                            "points must be in increasing time order"));
                    return List.of();
                }
                points.add(new DemandPoint(p.time(), p.value()));
            }
        } else {
            BacktestRequest.PrometheusRange range = request.prometheus();
            if (range.query() == null || range.query().isBlank() || range.from() == null || range.to() == null
                    || !range.to().isAfter(range.from())) {
                violations.add(new SpecViolation("prometheus", "query-and-from-before-to",
                        "a range needs a query and from before to"));
                return List.of();
            }
            int step = range.stepSeconds() == null ? 60 : range.stepSeconds();
            if (step < 1) {
                violations.add(new SpecViolation("prometheus.stepSeconds", "minimum:1", "stepSeconds must be >= 1"));
                return List.of();
            }
            for (MetricSample sample : prometheus.range(range.query(), range.from(), range.to(),
                    Duration.ofSeconds(step))) {
                points.add(new DemandPoint(sample.time(), Math.max(0, sample.value())));
            }
        }
        if (points.size() < 2) {
            violations.add(new SpecViolation("demand", "minItems:2", "a backtest needs at least two demand points"));
        } else if (points.size() > MAX_POINTS) {
            violations.add(new SpecViolation("demand", "maxItems:" + MAX_POINTS, "too many demand points"));
        }
        return points;
    }
}
