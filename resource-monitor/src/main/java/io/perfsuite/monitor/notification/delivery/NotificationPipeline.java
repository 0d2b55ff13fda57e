package io.perfsuite.monitor.notification.delivery;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.perfsuite.monitor.alerting.Alert;
import io.perfsuite.monitor.alerting.AlertState;
import io.perfsuite.monitor.config.MonitorConfig;
import io.perfsuite.monitor.notification.Delivery;
import io.perfsuite.monitor.notification.GroupNotification;
import io.perfsuite.monitor.notification.GroupingPolicy;
import io.perfsuite.monitor.notification.InhibitRule;
import io.perfsuite.monitor.notification.LabelMatcher;
import io.perfsuite.monitor.notification.NotifiableAlert;
import io.perfsuite.monitor.notification.NotificationDispatcher;
import io.perfsuite.monitor.notification.NotificationRoute;
import io.perfsuite.monitor.notification.NotificationRoutes;
import io.perfsuite.monitor.notification.ReceiverFormat;
import io.perfsuite.monitor.notification.Silence;

/**
 * From the rules' alerts to the outbox: what Prometheus would send to Alertmanager (firing and resolved alerts,
 * {@code startsAt} = when they fired), through the {@link NotificationDispatcher}, formatted per receiver, stored with
 * the dispatch state in one transaction.
 */
@ApplicationScoped
public class NotificationPipeline {

    private static final Logger LOG = Logger.getLogger(NotificationPipeline.class);

    private final Outbox outbox;
    private final SilenceStore silences;
    private final Clock clock;
    private final NotificationDispatcher dispatcher;
    private final Map<String, Target> targets = new LinkedHashMap<>();
    private final String externalUrl;

    private record Target(ReceiverFormat format, String url) {
    }

    NotificationPipeline(Outbox outbox, SilenceStore silences, Clock clock, MonitorConfig config) {
        this.outbox = outbox;
        this.silences = silences;
        this.clock = clock;
        MonitorConfig.Notifications n = config.notifications();
        this.externalUrl = n.externalUrl();
        List<NotificationDispatcher.Receiver> receivers = new ArrayList<>();
        n.receivers().forEach((name, receiver) -> {
            receivers.add(new NotificationDispatcher.Receiver(name, receiver.sendResolved()));
            ReceiverFormat format = switch (receiver.type()) {
                case WEBHOOK -> new ReceiverFormat.Alertmanager(externalUrl);
                case SLACK -> new ReceiverFormat.Slack();
                case PAGERDUTY -> new ReceiverFormat.PagerDuty(receiver.routingKey().orElseThrow(
                        () -> new IllegalStateException("monitor.notifications.receivers." + name
                                + ".routing-key must be set for a pagerduty receiver")),
                        "perfsuite-resource-monitor");
            };
            targets.put(name, new Target(format, receiver.url().toString()));
        });
        List<InhibitRule> inhibit = n.inhibitWarningsByCritical()
                ? List.of(InhibitRule.criticalMutesWarning(n.inhibitEqual()))
                : List.of();
        this.dispatcher = new NotificationDispatcher(routes(n), receivers, inhibit);
    }

    /** The configured routes over the notification defaults; without routes, one default route to every receiver. */
    static NotificationRoutes routes(MonitorConfig.Notifications n) {
        GroupingPolicy defaults = new GroupingPolicy(n.groupBy(), n.groupWait(), n.groupInterval(), n.repeatInterval());
        List<MonitorConfig.Notifications.Route> configured = n.routes().orElse(List.of());
        if (configured.isEmpty() && n.defaultReceiver().isEmpty()) {
            return NotificationRoutes.single(defaults, List.copyOf(n.receivers().keySet()));
        }
        List<NotificationRoutes.Spec> specs = new ArrayList<>();
        for (int i = 0; i < configured.size(); i++) {
            MonitorConfig.Notifications.Route route = configured.get(i);
            List<LabelMatcher> matchers = new ArrayList<>();
            for (String text : route.matchers().orElse(List.of())) {
                try {
                    matchers.add(LabelMatcher.parse(text));
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException("monitor.notifications.routes[" + i + "].matchers: " + e.getMessage(), e);
                }
            }
            GroupingPolicy policy = new GroupingPolicy(route.groupBy().orElse(defaults.groupBy()),
                    route.groupWait().orElse(defaults.groupWait()), route.groupInterval().orElse(defaults.groupInterval()),
                    route.repeatInterval().orElse(defaults.repeatInterval()));
            specs.add(new NotificationRoutes.Spec(matchers, route.receiver(), policy, route.continueMatching()));
        }
        String defaultReceiver = n.defaultReceiver().orElseThrow(() -> new IllegalStateException(
                "monitor.notifications.default-receiver must be set when monitor.notifications.routes are configured"));
        return new NotificationRoutes(specs,
                new NotificationRoute(NotificationRoutes.DEFAULT_KEY, List.of(), List.of(defaultReceiver), defaults, false));
    }

    public NotificationDispatcher dispatcher() {
        return dispatcher;
    }

    /** The alerts a notifier hears of: firing, and resolved within the retention; pending ones are not sent. */
    public List<NotifiableAlert> notifiable(List<Alert> alerts) {
        List<NotifiableAlert> out = new ArrayList<>();
        for (Alert alert : alerts) {
            if (alert.state() == AlertState.FIRING || (alert.isResolved() && alert.firedAt() != null)) {
                out.add(NotifiableAlert.of(alert.labels(), alert.annotations(), alert.firedAt(), alert.resolvedAt(),
                        externalUrl + "/v1/rules?rule=" + URLEncoder.encode(alert.rule(), StandardCharsets.UTF_8)));
            }
        }
        return out;
    }

    /** One dispatch round over the alerts now held; returns the deliveries enqueued. */
    public List<Delivery> dispatch(List<Alert> alerts) {
        if (targets.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        List<NotifiableAlert> notifiable = notifiable(alerts);
        List<Silence> active = silences.all();
        List<Delivery> enqueued = outbox.decide(state -> {
            NotificationDispatcher.Result result = dispatcher.dispatch(now, notifiable, active, state);
            List<Delivery> deliveries = new ArrayList<>();
            for (GroupNotification notice : result.notifications()) {
                Target target = targets.get(notice.receiver());
                deliveries.addAll(target.format().deliveries(notice, target.url()));
            }
            return new Outbox.Decision(result.state(), deliveries);
        });
        if (!enqueued.isEmpty()) {
            LOG.infof("%d notifications enqueued", enqueued.size());
        }
        return enqueued;
    }
}
