package io.perfsuite.monitor.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.perfsuite.monitor.notification.LabelMatcher;
import io.quarkus.runtime.StartupEvent;

/**
 * The rules across properties that a {@code @ConfigMapping} cannot state: checked at start-up so a bad setting stops
 * the service with the property named, instead of failing at the first alert.
 */
@Singleton
public class ConfigChecks {

    void onStart(@Observes StartupEvent event, MonitorConfig config) {
        List<String> problems = check(config);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("invalid resource-monitor configuration:\n  " + String.join("\n  ", problems));
        }
    }

    static List<String> check(MonitorConfig config) {
        List<String> problems = new ArrayList<>();
        positive(problems, "monitor.host.interval", config.host().interval(), Duration.ofMillis(100));
        positive(problems, "monitor.rules.default-interval", config.rules().defaultInterval(), Duration.ofSeconds(1));
        positive(problems, "monitor.rules.reload-interval", config.rules().reloadInterval(), Duration.ofMillis(100));
        MonitorConfig.Notifications n = config.notifications();
        positive(problems, "monitor.notifications.group-interval", n.groupInterval(), Duration.ofSeconds(1));
        positive(problems, "monitor.notifications.repeat-interval", n.repeatInterval(), Duration.ofSeconds(1));
        if (n.groupWait().isNegative()) {
            problems.add("monitor.notifications.group-wait must not be negative, was " + n.groupWait());
        }
        positive(problems, "monitor.notifications.delivery.initial-backoff", n.delivery().initialBackoff(),
                Duration.ofMillis(10));
        if (n.delivery().maxBackoff().compareTo(n.delivery().initialBackoff()) < 0) {
            problems.add("monitor.notifications.delivery.max-backoff must be at least initial-backoff");
        }
        for (Map.Entry<String, MonitorConfig.Notifications.Receiver> entry : n.receivers().entrySet()) {
            String prefix = "monitor.notifications.receivers." + entry.getKey();
            MonitorConfig.Notifications.Receiver receiver = entry.getValue();
            String scheme = receiver.url().getScheme();
            if (!"http".equals(scheme) && !"https".equals(scheme)) {
                problems.add(prefix + ".url must be an http(s) URL, was " + receiver.url());
            }
            if (receiver.type() == MonitorConfig.ReceiverType.PAGERDUTY
                    && receiver.routingKey().map(String::isBlank).orElse(true)) {
                problems.add(prefix + ".routing-key must be set for a pagerduty receiver");
            }
        }
        checkRoutes(problems, n);
        return problems;
    }

    private static void checkRoutes(List<String> problems, MonitorConfig.Notifications n) {
        List<MonitorConfig.Notifications.Route> routes = n.routes().orElse(List.of());
        if (!routes.isEmpty() && n.defaultReceiver().isEmpty()) {
            problems.add("monitor.notifications.default-receiver must be set when monitor.notifications.routes are"
                    + " configured (alerts no route takes go there)");
        }
        n.defaultReceiver().ifPresent(name -> knownReceiver(problems, "monitor.notifications.default-receiver", name, n));
        for (int i = 0; i < routes.size(); i++) {
            String prefix = "monitor.notifications.routes[" + i + "]";
            MonitorConfig.Notifications.Route route = routes.get(i);
            knownReceiver(problems, prefix + ".receiver", route.receiver(), n);
            List<String> matchers = route.matchers().orElse(List.of());
            for (int j = 0; j < matchers.size(); j++) {
                try {
                    LabelMatcher.parse(matchers.get(j));
                } catch (IllegalArgumentException e) {
                    problems.add(prefix + ".matchers[" + j + "]: " + e.getMessage());
                }
            }
            route.groupWait().filter(Duration::isNegative)
                    .ifPresent(d -> problems.add(prefix + ".group-wait must not be negative, was " + d));
            route.groupInterval().ifPresent(d -> positive(problems, prefix + ".group-interval", d, Duration.ofSeconds(1)));
            route.repeatInterval().ifPresent(d -> positive(problems, prefix + ".repeat-interval", d, Duration.ofSeconds(1)));
        }
    }

    private static void knownReceiver(List<String> problems, String property, String name,
            MonitorConfig.Notifications n) {
        if (!n.receivers().containsKey(name)) {
            problems.add(property + " names receiver '" + name + "', which is not defined (defined: "
                    + (n.receivers().isEmpty() ? "none" : String.join(", ", new TreeSet<>(n.receivers().keySet())))
                    + ")");
        }
    }

    private static void positive(List<String> problems, String name, Duration value, Duration min) {
        if (value.compareTo(min) < 0) {
            problems.add(name + " must be at least " + min + ", was " + value);
        }
    }
}
