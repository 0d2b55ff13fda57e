package io.perfsuite.monitor.alerting.evaluation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.perfsuite.monitor.alerting.Alert;
import io.perfsuite.monitor.alerting.AlertRule;
import io.perfsuite.monitor.alerting.AlertStateMachine;
import io.perfsuite.monitor.alerting.RuleGroup;
import io.perfsuite.monitor.alerting.Sample;
import io.perfsuite.monitor.anomaly.AnomalyScores;
import io.perfsuite.monitor.notification.Fingerprint;
import io.perfsuite.monitor.prometheus.PrometheusQueries;

/**
 * Evaluates each rule group on its interval through Prometheus's query API, at the group's evaluation time, and holds
 * one {@link AlertStateMachine} per rule. A query that fails (Prometheus down, expression refused) marks the rule's
 * health {@code err} with the reason and leaves its alerts as they were, as Prometheus does: an outage of the source
 * neither fires nor resolves anything. Rules that survive a reload (same group, name and labels) keep their alerts.
 */
@ApplicationScoped
public class RuleEvaluator {

    private static final Logger LOG = Logger.getLogger(RuleEvaluator.class);

    private final PrometheusQueries prometheus;
    private final AnomalyScores anomalyScores;
    private final Clock clock;
    private final Map<String, GroupRun> groups = new HashMap<>();
    private Map<String, List<Alert>> restored = Map.of();

    /** A rule's last evaluation as {@code GET /v1/rules} shows it. */
    public static final class RuleRun {
        final AlertStateMachine machine;
        volatile String health = "unknown";
        volatile String lastError;
        volatile Instant lastEvaluation;
        volatile Duration evaluationTime = Duration.ZERO;

        RuleRun(AlertStateMachine machine) {
            this.machine = machine;
        }

        public AlertRule rule() {
            return machine.rule();
        }

        public String health() {
            return health;
        }

        public String lastError() {
            return lastError;
        }

        public Instant lastEvaluation() {
            return lastEvaluation;
        }

        public Duration evaluationTime() {
            return evaluationTime;
        }

        public synchronized List<Alert> alerts() {
            return machine.alerts();
        }
    }

    public static final class GroupRun {
        final RuleGroup group;
        final List<RuleRun> rules;
        Instant nextEvaluation;
        volatile Instant lastEvaluation;

        GroupRun(RuleGroup group, List<RuleRun> rules) {
            this.group = group;
            this.rules = rules;
        }

        public RuleGroup group() {
            return group;
        }

        public List<RuleRun> rules() {
            return rules;
        }

        public Instant lastEvaluation() {
            return lastEvaluation;
        }
    }

    RuleEvaluator(PrometheusQueries prometheus, AnomalyScores anomalyScores, Clock clock) {
        this.prometheus = prometheus;
        this.anomalyScores = anomalyScores;
        this.clock = clock;
    }

    /** Alerts saved before a restart, by {@link #ruleKey}; applied to the rules as they are (re)loaded. */
    public synchronized void restore(Map<String, List<Alert>> saved) {
        this.restored = Map.copyOf(saved);
        for (GroupRun run : groups.values()) {
            for (RuleRun rule : run.rules) {
                List<Alert> alerts = restored.get(ruleKey(run.group, rule.rule()));
                if (alerts != null && rule.machine.alerts().isEmpty()) {
                    rule.machine.restore(alerts);
                }
            }
        }
    }

    /** Takes the groups now in force; rules that stay keep their alert states. */
    public synchronized void update(List<RuleGroup> newGroups) {
        Map<String, GroupRun> next = new HashMap<>();
        for (RuleGroup group : newGroups) {
            GroupRun old = groups.get(group.key());
            List<RuleRun> rules = new ArrayList<>();
            for (AlertRule rule : group.rules()) {
                AlertStateMachine machine = new AlertStateMachine(rule);
                RuleRun previous = old == null
                        ? null
                        : old.rules.stream().filter(r -> sameIdentity(r.rule(), rule)).findFirst().orElse(null);
                if (previous != null) {
                    machine.restore(previous.alerts());
                } else if (restored.containsKey(ruleKey(group, rule))) {
                    machine.restore(restored.get(ruleKey(group, rule)));
                }
                rules.add(new RuleRun(machine));
            }
            GroupRun run = new GroupRun(group, rules);
            if (old != null && old.group.interval().equals(group.interval())) {
                run.nextEvaluation = old.nextEvaluation;
                run.lastEvaluation = old.lastEvaluation;
            }
            next.put(group.key(), run);
        }
        groups.clear();
        groups.putAll(next);
    }

    /** Evaluates every group whose time has come; returns whether any was evaluated. */
    public boolean evaluateDue() {
        Instant now = clock.instant();
        List<GroupRun> due = new ArrayList<>();
        synchronized (this) {
            for (GroupRun run : groups.values()) {
                long interval = run.group.interval().toMillis();
                if (run.nextEvaluation == null) {
                    // evaluation times on the interval's grid, like Prometheus's aligned group ticks
                    run.nextEvaluation = Instant.ofEpochMilli((now.toEpochMilli() / interval) * interval);
                }
                if (!now.isBefore(run.nextEvaluation)) {
                    Instant at = Instant.ofEpochMilli((now.toEpochMilli() / interval) * interval);
                    run.nextEvaluation = at.plusMillis(interval);
                    due.add(run);
                    run.lastEvaluation = at;
                }
            }
        }
        for (GroupRun run : due) {
            evaluate(run, run.lastEvaluation);
        }
        return !due.isEmpty();
    }

    /** One evaluation of a group at {@code at}; rules in order, as Prometheus does. */
    public void evaluate(GroupRun run, Instant at) {
        for (RuleRun rule : run.rules) {
            long started = System.nanoTime();
            try {
                List<Sample> result = prometheus.instant(rule.rule().expr(), at);
                if (rule.rule().anomaly() != null) {
                    String prefix = ruleKey(run.group, rule.rule()) + "/";
                    result = rule.rule().anomaly().anomalous(result,
                            sample -> anomalyScores.observe(prefix + Fingerprint.of(sample.labels()),
                                    Map.of("rule", rule.rule().name()), at, sample.value()),
                            AnomalyScores::isAnomalous);
                }
                synchronized (rule) {
                    rule.machine.evaluate(at, result);
                }
                rule.health = "ok";
                rule.lastError = null;
            } catch (PrometheusQueries.QueryFailedException | AlertStateMachine.DuplicateLabelSetException
                    | IllegalStateException e) {
                if (!"err".equals(rule.health) || !String.valueOf(e.getMessage()).equals(rule.lastError)) {
                    LOG.warnf("rule %s (%s) not evaluated: %s", rule.rule().name(), rule.rule().source(), e.getMessage());
                }
                rule.health = "err";
                rule.lastError = e.getMessage();
            }
            rule.lastEvaluation = at;
            rule.evaluationTime = Duration.ofNanos(System.nanoTime() - started);
        }
    }

    public synchronized List<GroupRun> groups() {
        List<GroupRun> out = new ArrayList<>(groups.values());
        out.sort((a, b) -> a.group.key().compareTo(b.group.key()));
        return out;
    }

    /** Every alert the rules hold, pending, firing and recently resolved. */
    public List<Alert> alerts() {
        List<Alert> out = new ArrayList<>();
        for (GroupRun run : groups()) {
            for (RuleRun rule : run.rules) {
                out.addAll(rule.alerts());
            }
        }
        return out;
    }

    /** Alerts by rule key, to save for a restart. */
    public Map<String, List<Alert>> snapshot() {
        Map<String, List<Alert>> out = new HashMap<>();
        for (GroupRun run : groups()) {
            for (RuleRun rule : run.rules) {
                List<Alert> alerts = rule.alerts();
                if (!alerts.isEmpty()) {
                    out.put(ruleKey(run.group, rule.rule()), alerts);
                }
            }
        }
        return out;
    }

    static String ruleKey(RuleGroup group, AlertRule rule) {
        return group.key() + ";" + rule.name() + ";" + rule.labels();
    }

    private static boolean sameIdentity(AlertRule a, AlertRule b) {
        return a.name().equals(b.name()) && a.labels().equals(b.labels());
    }
}
