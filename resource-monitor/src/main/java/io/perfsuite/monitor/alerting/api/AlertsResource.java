package io.perfsuite.monitor.alerting.api;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.perfsuite.api.problem.ProblemException;
import io.perfsuite.monitor.alerting.Alert;
import io.perfsuite.monitor.alerting.evaluation.RuleEvaluator;
import io.perfsuite.monitor.notification.Fingerprint;
import io.perfsuite.monitor.notification.NotifiableAlert;
import io.perfsuite.monitor.notification.Silence;
import io.perfsuite.monitor.notification.delivery.NotificationPipeline;
import io.perfsuite.monitor.notification.delivery.SilenceStore;
import io.smallrye.common.annotation.Blocking;

/** The alerts the rules hold now, with why a firing one is not notified (silenced, inhibited). */
@Path("/v1/alerts")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class AlertsResource {

    private static final Set<String> STATES = Set.of("pending", "firing", "resolved");

    private final RuleEvaluator evaluator;
    private final NotificationPipeline pipeline;
    private final SilenceStore silences;
    private final Clock clock;

    AlertsResource(RuleEvaluator evaluator, NotificationPipeline pipeline, SilenceStore silences, Clock clock) {
        this.evaluator = evaluator;
        this.pipeline = pipeline;
        this.silences = silences;
        this.clock = clock;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AlertView(String rule, String fingerprint, String state, Map<String, String> labels,
            Map<String, String> annotations, Instant activeAt, Instant firedAt, Instant resolvedAt, double value,
            List<String> silencedBy, boolean inhibited) {
    }

    public record Alerts(List<AlertView> alerts) {
    }

    @GET
    public Alerts list(@QueryParam("state") String state) {
        if (state != null && !STATES.contains(state)) {
            throw ProblemException.forField(400, "state", "oneOf", "state must be one of pending, firing, resolved");
        }
        Instant now = clock.instant();
        List<Alert> alerts = evaluator.alerts();
        List<NotifiableAlert> notifiable = pipeline.notifiable(alerts);
        List<Silence> active = silencesOrNone();
        List<AlertView> out = new ArrayList<>();
        for (Alert alert : alerts) {
            String view = alert.isResolved() ? "resolved" : alert.state().wireName();
            if (state != null && !state.equals(view)) {
                continue;
            }
            NotifiableAlert n = NotifiableAlert.of(alert.labels(), alert.annotations(), alert.firedAt(),
                    alert.resolvedAt(), "");
            var muting = pipeline.dispatcher().muting(n, notifiable, active, now);
            out.add(new AlertView(alert.rule(), Fingerprint.of(alert.labels()), view, alert.labels(), alert.annotations(),
                    alert.activeAt(), alert.firedAt(), alert.resolvedAt(), alert.value(), muting.silencedBy(),
                    muting.inhibited()));
        }
        return new Alerts(out);
    }

    private List<Silence> silencesOrNone() {
        try {
            return silences.all();
        } catch (RuntimeException redisDown) {
            return List.of();
        }
    }
}
