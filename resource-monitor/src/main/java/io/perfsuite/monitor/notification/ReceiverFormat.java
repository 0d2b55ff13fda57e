package io.perfsuite.monitor.notification;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/** Turns a group notice into the HTTP requests one kind of receiver expects. */
public sealed interface ReceiverFormat permits ReceiverFormat.Alertmanager, ReceiverFormat.Slack,
        ReceiverFormat.PagerDuty {

    List<Delivery> deliveries(GroupNotification notice, String url);

    /** Alertmanager's zero time for a firing alert's endsAt. */
    String ZERO_TIME = "0001-01-01T00:00:00Z";

    static String time(Instant instant) {
        return instant == null ? ZERO_TIME : DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    /** Labels every alert of the notice shares with the same value. */
    static Map<String, String> common(List<Map<String, String>> maps) {
        if (maps.isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = new TreeMap<>(maps.get(0));
        for (Map<String, String> map : maps.subList(1, maps.size())) {
            out.entrySet().removeIf(e -> !Objects.equals(map.get(e.getKey()), e.getValue()));
        }
        return out;
    }

    /**
     * Alertmanager's webhook body, {@code version "4"}: a real Alertmanager-compatible receiver (or another
     * Alertmanager's webhook adapter) reads it as is.
     */
    record Alertmanager(String externalUrl) implements ReceiverFormat {
        @Override
        public List<Delivery> deliveries(GroupNotification notice, String url) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("version", "4");
            body.put("groupKey", notice.groupKey());
            body.put("truncatedAlerts", 0);
            body.put("status", notice.isFiring() ? "firing" : "resolved");
            body.put("receiver", notice.receiver());
            body.put("groupLabels", new TreeMap<>(notice.groupLabels()));
            body.put("commonLabels", common(notice.alerts().stream().map(NotifiableAlert::labels).toList()));
            body.put("commonAnnotations", common(notice.alerts().stream().map(NotifiableAlert::annotations).toList()));
            body.put("externalURL", externalUrl);
            List<Map<String, Object>> alerts = new ArrayList<>();
            for (NotifiableAlert alert : notice.alerts()) {
                Map<String, Object> a = new LinkedHashMap<>();
                a.put("status", alert.status());
                a.put("labels", alert.labels());
                a.put("annotations", alert.annotations());
                a.put("startsAt", time(alert.startsAt()));
                a.put("endsAt", time(alert.endsAt()));
                a.put("generatorURL", alert.generatorUrl());
                a.put("fingerprint", alert.fingerprint());
                alerts.add(a);
            }
            body.put("alerts", alerts);
            return List.of(new Delivery(notice.id(), notice.receiver(), url, body, notice.at(), 0, notice.at(), null));
        }
    }

    /** A Slack-style incoming webhook: one message per group, colour by state, one line per alert. */
    record Slack() implements ReceiverFormat {
        @Override
        public List<Delivery> deliveries(GroupNotification notice, String url) {
            long firing = notice.alerts().stream().filter(a -> !a.isResolved()).count();
            String status = firing > 0 ? "FIRING:" + firing : "RESOLVED";
            Map<String, String> groupLabels = new TreeMap<>(notice.groupLabels());
            String title = "[" + status + "] " + groupLabels.values().stream().reduce((a, b) -> a + " " + b).orElse("alerts");
            StringBuilder text = new StringBuilder();
            for (NotifiableAlert alert : notice.alerts()) {
                String summary = alert.annotations().getOrDefault("summary", alert.labels().getOrDefault("alertname", ""));
                text.append(alert.isResolved() ? "resolved: " : "firing: ").append(summary).append('\n');
            }
            boolean critical = notice.alerts().stream()
                    .anyMatch(a -> !a.isResolved() && "critical".equals(a.labels().get("severity")));
            Map<String, Object> attachment = new LinkedHashMap<>();
            attachment.put("color", firing == 0 ? "good" : critical ? "danger" : "warning");
            attachment.put("title", title);
            attachment.put("text", text.toString().strip());
            attachment.put("fallback", title);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("text", title);
            body.put("attachments", List.of(attachment));
            return List.of(new Delivery(notice.id(), notice.receiver(), url, body, notice.at(), 0, notice.at(), null));
        }
    }

    /**
     * PagerDuty Events API v2: one event per alert, {@code dedup_key} = the alert's fingerprint so PagerDuty folds
     * repeats into one incident and a resolve closes it.
     */
    record PagerDuty(String routingKey, String source) implements ReceiverFormat {
        private static final Set<String> SEVERITIES = Set.of("critical", "error", "warning", "info");

        @Override
        public List<Delivery> deliveries(GroupNotification notice, String url) {
            List<Delivery> out = new ArrayList<>();
            for (NotifiableAlert alert : notice.alerts()) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("routing_key", routingKey);
                body.put("event_action", alert.isResolved() ? "resolve" : "trigger");
                body.put("dedup_key", alert.fingerprint());
                if (!alert.isResolved()) {
                    String severity = alert.labels().getOrDefault("severity", "error");
                    Map<String, Object> payload = new LinkedHashMap<>();
                    payload.put("summary", truncate(alert.annotations().getOrDefault("summary",
                            alert.labels().getOrDefault("alertname", "alert") + " " + alert.labels()), 1024));
                    payload.put("source", alert.labels().getOrDefault("instance", source));
                    payload.put("severity", SEVERITIES.contains(severity) ? severity : "error");
                    payload.put("timestamp", time(alert.startsAt()));
                    payload.put("custom_details", Map.of("labels", alert.labels(), "annotations", alert.annotations()));
                    body.put("payload", payload);
                }
                out.add(new Delivery(notice.id() + "-" + alert.fingerprint(), notice.receiver(), url, body, notice.at(), 0,
                        notice.at(), null));
            }
            return out;
        }

        private static String truncate(String text, int max) {
            return text.length() <= max ? text : text.substring(0, max - 1) + "…";
        }
    }
}
