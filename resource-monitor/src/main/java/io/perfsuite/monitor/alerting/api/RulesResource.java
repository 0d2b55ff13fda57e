package io.perfsuite.monitor.alerting.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.perfsuite.monitor.alerting.Alert;
import io.perfsuite.monitor.alerting.AlertState;
import io.perfsuite.monitor.alerting.PromDuration;
import io.perfsuite.monitor.alerting.evaluation.RuleEvaluator;
import io.perfsuite.monitor.alerting.evaluation.RuleFiles;

/** The rule groups in force, each rule's health and alerts, and every rule file's load state (with its error). */
@Path("/v1/rules")
@Produces(MediaType.APPLICATION_JSON)
public class RulesResource {

    private final RuleEvaluator evaluator;
    private final RuleFiles files;

    RulesResource(RuleEvaluator evaluator, RuleFiles files) {
        this.evaluator = evaluator;
        this.files = files;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RuleView(String name, String query, String duration, String keepFiringFor, Map<String, String> labels,
            Map<String, String> annotations, String state, String health, String lastError, Instant lastEvaluation,
            double evaluationTimeSeconds, String source, List<Alert> alerts) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GroupView(String name, String file, String interval, Instant lastEvaluation, List<RuleView> rules,
            List<String> recordingRules) {
    }

    public record Rules(List<GroupView> groups, List<RuleFiles.FileStatus> files) {
    }

    @GET
    public Rules list(@QueryParam("rule") String ruleName) {
        List<GroupView> groups = new ArrayList<>();
        for (RuleEvaluator.GroupRun run : evaluator.groups()) {
            List<RuleView> rules = new ArrayList<>();
            for (RuleEvaluator.RuleRun rule : run.rules()) {
                if (ruleName != null && !ruleName.equals(rule.rule().name())) {
                    continue;
                }
                List<Alert> alerts = rule.alerts();
                rules.add(new RuleView(rule.rule().name(), rule.rule().expr(), PromDuration.format(rule.rule().forDuration()),
                        PromDuration.format(rule.rule().keepFiringFor()), rule.rule().labels(), rule.rule().annotations(),
                        state(alerts), rule.health(), rule.lastError(), rule.lastEvaluation(),
                        rule.evaluationTime().toNanos() / 1e9, rule.rule().source(), alerts));
            }
            if (ruleName != null && rules.isEmpty()) {
                continue;
            }
            groups.add(new GroupView(run.group().name(), run.group().file(), PromDuration.format(run.group().interval()),
                    run.lastEvaluation(), rules, run.group().recordingRules()));
        }
        return new Rules(groups, files.statuses());
    }

    /** Prometheus's rule state: the most severe of its alerts. */
    private static String state(List<Alert> alerts) {
        if (alerts.stream().anyMatch(a -> a.state() == AlertState.FIRING)) {
            return "firing";
        }
        return alerts.stream().anyMatch(a -> a.state() == AlertState.PENDING) ? "pending" : "inactive";
    }
}
