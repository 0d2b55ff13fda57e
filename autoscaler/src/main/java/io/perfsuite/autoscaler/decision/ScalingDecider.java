package io.perfsuite.autoscaler.decision;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Decides one policy's replica count at each evaluation, keeping the state HPA keeps between evaluations (past
 * recommendations for the stabilization windows, past scale events for the rate policies) plus the step rules'
 * timers, the failure count for fallback and the demand history for prediction.
 * <p>
 * The order: each metric's HPA recommendation (largest wins), step rules, fallback, then the forecast as a floor;
 * stabilization windows and rate policies as HPA applies them; last the clamps (min/max raised by schedules).
 * Not thread-safe: one decider per policy, called from one evaluation at a time.
 */
public final class ScalingDecider {

    /** Re-testing seasonality at most this often; AWS refreshes its forecast every 6 h, an hour is plenty. */
    static final Duration SEASON_REFRESH = Duration.ofHours(1);
    /** Re-choosing the profile and its margin (a replay of the last day's forecasts) at most this often. */
    static final Duration SELECTION_REFRESH = Duration.ofMinutes(15);
    /** A fixed seed by default: the same history gives the same decisions, in a backtest and in the cluster. */
    static final long SEASON_TEST_SEED = 0x5ea5011L;

    private final Clock clock;
    private volatile PolicyRules rules;
    private final Deque<Recommendation> recommendations = new ArrayDeque<>();
    private final Deque<ScaleEvent> events = new ArrayDeque<>();
    private final Map<Integer, Instant> conditionSince = new HashMap<>();
    private Instant lastStepFired;
    private int failedEvaluations;
    private DemandHistory history;
    private Forecaster forecaster;
    private final RandomGenerator random;
    private Seasons seasons = Seasons.NONE;
    private Forecaster.Selection selection;
    private Instant selectedAt;
    private Instant seasonTestedAt;
    private long forecastBucket = Long.MIN_VALUE;
    private Forecast lastForecast;

    public ScalingDecider(PolicyRules rules, Clock clock) {
        this(rules, clock, new SplittableRandom(SEASON_TEST_SEED));
    }

    /** @param random for the season test's shuffles */
    public ScalingDecider(PolicyRules rules, Clock clock, RandomGenerator random) {
        this.clock = clock;
        this.random = random;
        update(rules);
    }

    /** Takes a changed spec, keeping history and windows (as HPA does when its spec is edited). */
    public void update(PolicyRules newRules) {
        PredictionSettings old = rules == null ? null : rules.prediction();
        this.rules = newRules;
        PredictionSettings prediction = newRules.prediction();
        if (prediction == null) {
            history = null;
        } else {
            if (old == null || !old.lookback().equals(prediction.lookback())
                    || !old.step().equals(prediction.step())) {
                history = new DemandHistory(prediction.lookback(), prediction.step());
            }
            if (old == null || !old.equals(prediction)) {
                long step = prediction.step().toSeconds();
                forecaster = new Forecaster((int) Math.max(2, Duration.ofDays(1).toSeconds() / step),
                        (int) Math.max(3, Duration.ofDays(7).toSeconds() / step), prediction.forecaster(), random);
                seasonTestedAt = null;
                selectedAt = null;
                forecastBucket = Long.MIN_VALUE;
            }
        }
    }

    public PolicyRules rules() {
        return rules;
    }

    /** Seeds the prediction history, e.g. from a Prometheus range query at start-up. */
    public void seedHistory(Instant at, double value) {
        if (history != null) {
            history.add(at, value);
        }
    }

    public ScalingDecision decide(Observation observation) {
        PolicyRules p = rules;
        Instant now = clock.instant();
        int current = observation.currentReplicas();

        Map<String, Double> seen = new HashMap<>();
        for (MetricRule metric : p.metrics()) {
            observation.metric(metric.name()).ifPresent(v -> seen.put(metric.name(), v));
        }
        boolean metricsAvailable = p.metrics().isEmpty() || !seen.isEmpty();
        failedEvaluations = metricsAvailable ? 0 : failedEvaluations + 1;

        // schedules
        Integer scheduleFloor = null;
        Integer scheduleCeiling = null;
        String floorSchedule = null;
        String ceilingSchedule = null;
        for (Schedule schedule : p.schedules()) {
            if (schedule.activeAt(now)) {
                if (schedule.minReplicas() != null && (scheduleFloor == null || schedule.minReplicas() > scheduleFloor)) {
                    scheduleFloor = schedule.minReplicas();
                    floorSchedule = schedule.name();
                }
                if (schedule.maxReplicas() != null
                        && (scheduleCeiling == null || schedule.maxReplicas() > scheduleCeiling)) {
                    scheduleCeiling = schedule.maxReplicas();
                    ceilingSchedule = schedule.name();
                }
            }
        }

        // 1. metrics, HPA formula, largest wins
        Candidate best = null;
        boolean targetedMissing = false;
        for (MetricRule metric : p.metrics()) {
            if (!metric.hasTarget()) {
                continue;
            }
            Double value = seen.get(metric.name());
            if (value == null) {
                targetedMissing = true;
                continue;
            }
            Candidate candidate = hpaRecommendation(metric, value, current, p.tolerance());
            if (best == null || candidate.replicas > best.replicas) {
                best = candidate;
            }
        }
        if (best != null && targetedMissing && best.replicas < current) {
            best = new Candidate(current, Reason.MISSING_METRICS_HOLD, best.rule,
                    "some metrics missing: they count as 100 % of target, so no scale-down");
        }

        // 2. step rules
        boolean stepDecided = false;
        Candidate step = stepRecommendation(p, seen, current, now);
        if (step != null && (best == null || step.replicas > best.replicas)) {
            best = step;
            stepDecided = true;
            lastStepFired = now;
            conditionSince.clear();
        }

        // 3. no metric at all: hold, or the fallback count, never down
        if (!metricsAvailable) {
            FallbackSettings fallback = p.fallback();
            if (failedEvaluations >= fallback.failureThreshold() && fallback.replicas() != null) {
                best = new Candidate(Math.max(current, fallback.replicas()), Reason.FALLBACK, "fallback",
                        "no metrics for " + failedEvaluations + " evaluations: fallback " + fallback.replicas()
                                + " (never below current)");
            } else {
                best = new Candidate(current, Reason.METRICS_UNAVAILABLE_HOLD, "metrics",
                        "no metrics for " + failedEvaluations + " evaluation(s): holding");
            }
            stepDecided = false;
        }
        if (best == null) {
            best = new Candidate(current, Reason.NO_SIGNAL, "none", "no metric, rule or schedule asks for a change");
        }

        // the forecast first: while it is in effect the scale-down window may be the prediction's own
        Forecast forecast = p.prediction() == null ? null : forecast(p.prediction(), seen, now);
        Duration downWindow = forecast != null && forecast.predicts()
                && p.prediction().predictingScaleDownWindow() != null
                        ? p.prediction().predictingScaleDownWindow()
                        : p.behavior().scaleDown().stabilizationWindow();

        // 4. stabilization (step rules carry their own "for" durations and skip it)
        Candidate decided = best;
        recommendations.addLast(new Recommendation(now, best.replicas));
        trimRecommendations(p, now);
        if (!stepDecided) {
            decided = stabilize(p, best, current, now, downWindow);
        }

        // 5. prediction: a floor for the forecast peak over the horizon, after stabilization (the forecast already
        // looks ahead; holding it for the scale-down window as well would pay for the same peak twice)
        Integer predictedReplicas = null;
        if (forecast != null && forecast.predicts()) {
            MetricRule metric = p.metric(p.prediction().metric());
            if (metric.hasTarget()) {
                double demand = forecast.peak() * (1 + p.prediction().margin());
                int predicted = replicasFor(metric, demand, current);
                predictedReplicas = predicted;
                if (predicted > decided.replicas) {
                    decided = new Candidate(predicted, Reason.PREDICTION, metric.name(),
                            String.format("forecast peak %.4g of %s within %ds (%s, learned margin %+.0f %%) needs %d",
                                    forecast.peak(), metric.name(), p.prediction().horizon().toSeconds(),
                                    forecast.method(), forecast.margin() * 100, predicted));
                }
            }
        }

        // 6. rate policies
        decided = limitRate(p, decided, current, now);

        // 7. clamps: floor and ceiling win over everything
        int floor = Math.max(p.minReplicas(), scheduleFloor == null ? 0 : scheduleFloor);
        int ceiling = Math.max(p.maxReplicas(), scheduleCeiling == null ? 0 : scheduleCeiling);
        boolean limited = false;
        if (decided.replicas < floor) {
            String rule = scheduleFloor != null && scheduleFloor > p.minReplicas()
                    ? "schedule " + floorSchedule
                    : "minReplicas";
            decided = new Candidate(floor, Reason.FLOOR, rule, "raised to " + rule + " " + floor);
            limited = true;
        } else if (decided.replicas > ceiling) {
            String rule = scheduleCeiling != null && scheduleCeiling > p.maxReplicas()
                    ? "schedule " + ceilingSchedule
                    : "maxReplicas";
            decided = new Candidate(ceiling, Reason.CEILING, rule, "capped at " + rule + " " + ceiling);
            limited = true;
        }

        int recommendation = decided.replicas;
        int to = current;
        boolean apply = false;
        Reason reason = decided.reason;
        String rule = decided.rule;
        String message = decided.message;
        switch (p.mode()) {
            case AUTO -> {
                to = recommendation;
                apply = to != current;
            }
            case RECOMMEND -> message = "recommend only: " + message;
            case PAUSED -> {
                to = p.pausedReplicas() == null ? current : p.pausedReplicas();
                apply = to != current;
                reason = Reason.PAUSED;
                rule = "paused";
                message = "paused at " + to + "; would run " + recommendation + " (" + decided.message + ")";
            }
        }
        if (apply && p.mode() == Mode.AUTO) {
            events.addLast(new ScaleEvent(now, to - current));
        }
        trimEvents(p, now);
        return new ScalingDecision(now, p.mode(), current, to, recommendation, apply, reason, rule, message, seen,
                forecast == null || !forecast.predicts() ? null : forecast.peak(),
                forecast == null ? null : forecast.method(), predictedReplicas,
                scheduleFloor,
                scheduleCeiling, limited, metricsAvailable, failedEvaluations);
    }

    /** HPA's formula for one metric, with its tolerance. */
    static Candidate hpaRecommendation(MetricRule metric, double value, int current, double tolerance) {
        int base = Math.max(current, 1);
        double ratio = metric.type() == TargetType.AVERAGE_VALUE
                ? value / (metric.target() * base)
                : value / metric.target();
        if (Math.abs(ratio - 1) <= tolerance) {
            return new Candidate(current, Reason.WITHIN_TOLERANCE, metric.name(),
                    String.format("%s %.4g within %.0f %% of target %.4g", metric.name(), value, tolerance * 100,
                            metric.target()));
        }
        int desired = replicasFor(metric, value, current);
        return new Candidate(desired, Reason.METRIC, metric.name(), String.format("%s %.4g vs target %.4g (%s) -> %d",
                metric.name(), value, metric.target(), metric.type(), desired));
    }

    static int replicasFor(MetricRule metric, double value, int current) {
        if (!metric.hasTarget()) {
            return current;
        }
        double exact = metric.type() == TargetType.AVERAGE_VALUE
                ? value / metric.target()
                : value / metric.target() * Math.max(current, 1);
        // a hair of slack so 3.0000000001 from floating point does not become 4
        return (int) Math.min(Integer.MAX_VALUE, Math.ceil(exact - 1e-9));
    }

    private Candidate stepRecommendation(PolicyRules p, Map<String, Double> seen, int current, Instant now) {
        List<StepRule> steps = p.stepRules();
        Candidate best = null;
        boolean cooling = lastStepFired != null && now.isBefore(lastStepFired.plus(p.stepCooldown()));
        for (int i = 0; i < steps.size(); i++) {
            StepRule rule = steps.get(i);
            Double value = seen.get(rule.metric());
            // missing data breaks a condition: a rule never fires on what it did not see
            if (value == null || !rule.comparison().holds(value, rule.threshold())) {
                conditionSince.remove(i);
                continue;
            }
            Instant since = conditionSince.computeIfAbsent(i, k -> now);
            if (cooling || Duration.between(since, now).compareTo(rule.holdFor()) < 0) {
                continue;
            }
            int replicas = Math.max(0, rule.change().apply(current));
            if (best == null || replicas > best.replicas) {
                best = new Candidate(replicas, Reason.STEP_RULE, "step " + rule.describe(),
                        String.format("%s = %.4g since %s: %d -> %d", rule.metric(), value, since, current, replicas));
            }
        }
        return best;
    }

    private Forecast forecast(PredictionSettings prediction, Map<String, Double> seen, Instant now) {
        Double value = seen.get(prediction.metric());
        if (value != null) {
            history.add(now, value);
        }
        long stepSeconds = history.step().toSeconds();
        long bucket = Math.floorDiv(now.getEpochSecond(), stepSeconds);
        // the series only gains a point once per step: within a step the last forecast stands
        if (bucket == forecastBucket) {
            return lastForecast;
        }
        double[] series = history.series();
        if (seasonTestedAt == null || !now.isBefore(seasonTestedAt.plus(SEASON_REFRESH))) {
            seasons = forecaster.detectSeasons(series);
            seasonTestedAt = now;
            selectedAt = null;
        }
        int horizonSteps = (int) Math.ceil((double) prediction.horizon().toSeconds() / stepSeconds);
        if (selectedAt == null || !now.isBefore(selectedAt.plus(SELECTION_REFRESH))) {
            selection = forecaster.select(series, horizonSteps, seasons);
            selectedAt = now;
        }
        forecastBucket = bucket;
        lastForecast = forecaster.forecast(series, horizonSteps, seasons, selection);
        return lastForecast;
    }

    private Candidate stabilize(PolicyRules p, Candidate raw, int current, Instant now, Duration downWindow) {
        Instant upCutoff = now.minus(p.behavior().scaleUp().stabilizationWindow());
        Instant downCutoff = now.minus(downWindow);
        int up = raw.replicas;
        int down = raw.replicas;
        for (Recommendation r : recommendations) {
            if (r.at.isAfter(upCutoff)) {
                up = Math.min(up, r.replicas);
            }
            if (r.at.isAfter(downCutoff)) {
                down = Math.max(down, r.replicas);
            }
        }
        int stabilized = current;
        if (stabilized < up) {
            stabilized = up;
        }
        if (stabilized > down) {
            stabilized = down;
        }
        if (stabilized == raw.replicas) {
            return raw;
        }
        if (stabilized > raw.replicas) {
            return new Candidate(stabilized, Reason.SCALE_DOWN_STABILIZATION, "scaleDown.stabilizationWindow",
                    String.format("%s wants %d; highest recommendation in the last %ds is %d", raw.rule,
                            raw.replicas, p.behavior().scaleDown().stabilizationWindow().toSeconds(), stabilized));
        }
        return new Candidate(stabilized, Reason.SCALE_UP_STABILIZATION, "scaleUp.stabilizationWindow",
                String.format("%s wants %d; lowest recommendation in the last %ds is %d", raw.rule, raw.replicas,
                        p.behavior().scaleUp().stabilizationWindow().toSeconds(), stabilized));
    }

    private Candidate limitRate(PolicyRules p, Candidate wanted, int current, Instant now) {
        if (wanted.replicas > current) {
            ScalingRules up = p.behavior().scaleUp();
            if (up.select() == ScalingRules.Select.DISABLED) {
                return new Candidate(current, Reason.DIRECTION_DISABLED, "scaleUp.selectPolicy",
                        wanted.rule + " wants " + wanted.replicas + " but scale-up is disabled");
            }
            int limit = scaleUpLimit(up, current, now);
            if (wanted.replicas > limit) {
                return new Candidate(limit, Reason.RATE_LIMITED, "scaleUp.policies",
                        wanted.rule + " wants " + wanted.replicas + "; scale-up policies allow " + limit);
            }
        } else if (wanted.replicas < current) {
            ScalingRules down = p.behavior().scaleDown();
            if (down.select() == ScalingRules.Select.DISABLED) {
                return new Candidate(current, Reason.DIRECTION_DISABLED, "scaleDown.selectPolicy",
                        wanted.rule + " wants " + wanted.replicas + " but scale-down is disabled");
            }
            int limit = scaleDownLimit(down, current, now);
            if (wanted.replicas < limit) {
                return new Candidate(limit, Reason.RATE_LIMITED, "scaleDown.policies",
                        wanted.rule + " wants " + wanted.replicas + "; scale-down policies allow " + limit);
            }
        }
        return wanted;
    }

    private int scaleUpLimit(ScalingRules up, int current, Instant now) {
        if (up.policies().isEmpty()) {
            return Integer.MAX_VALUE;
        }
        int result = up.select() == ScalingRules.Select.MIN ? Integer.MAX_VALUE : Integer.MIN_VALUE;
        for (RatePolicy policy : up.policies()) {
            int periodStart = current - changeInPeriod(now, policy.period(), true)
                    + changeInPeriod(now, policy.period(), false);
            int limit = policy.kind() == RatePolicy.Kind.PODS
                    ? periodStart + policy.value()
                    : (int) Math.ceil(periodStart * (1 + policy.value() / 100.0));
            result = up.select() == ScalingRules.Select.MIN ? Math.min(result, limit) : Math.max(result, limit);
        }
        return result;
    }

    private int scaleDownLimit(ScalingRules down, int current, Instant now) {
        if (down.policies().isEmpty()) {
            return 0;
        }
        int result = down.select() == ScalingRules.Select.MIN ? Integer.MIN_VALUE : Integer.MAX_VALUE;
        for (RatePolicy policy : down.policies()) {
            int periodStart = current + changeInPeriod(now, policy.period(), false)
                    - changeInPeriod(now, policy.period(), true);
            int limit = policy.kind() == RatePolicy.Kind.PODS
                    ? periodStart - policy.value()
                    : (int) (periodStart * (1 - policy.value() / 100.0));
            // Max selects the policy allowing the biggest change, which for scale-down is the lowest count
            result = down.select() == ScalingRules.Select.MIN ? Math.max(result, limit) : Math.min(result, limit);
        }
        return Math.max(0, result);
    }

    /** Pods added (positive) or removed (as a positive number) by scale events within the period. */
    private int changeInPeriod(Instant now, Duration period, boolean added) {
        Instant cutoff = now.minus(period);
        int sum = 0;
        for (ScaleEvent event : events) {
            if (event.at.isAfter(cutoff) && (event.change > 0) == added) {
                sum += Math.abs(event.change);
            }
        }
        return sum;
    }

    private void trimRecommendations(PolicyRules p, Instant now) {
        Duration keep = max(p.behavior().scaleUp().stabilizationWindow(),
                p.behavior().scaleDown().stabilizationWindow());
        if (p.prediction() != null && p.prediction().predictingScaleDownWindow() != null) {
            keep = max(keep, p.prediction().predictingScaleDownWindow());
        }
        Instant cutoff = now.minus(keep);
        while (recommendations.size() > 1 && !recommendations.peekFirst().at.isAfter(cutoff)) {
            recommendations.removeFirst();
        }
    }

    private void trimEvents(PolicyRules p, Instant now) {
        Instant cutoff = now.minus(max(p.behavior().scaleUp().longestPeriod(),
                p.behavior().scaleDown().longestPeriod()));
        while (!events.isEmpty() && !events.peekFirst().at.isAfter(cutoff)) {
            events.removeFirst();
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** Read-only view for tests and status: evaluations in a row without metrics. */
    public int failedEvaluations() {
        return failedEvaluations;
    }

    record Candidate(int replicas, Reason reason, String rule, String message) {
    }

    private record Recommendation(Instant at, int replicas) {
    }

    private record ScaleEvent(Instant at, int change) {
    }
}
