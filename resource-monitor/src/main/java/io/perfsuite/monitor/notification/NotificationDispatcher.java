package io.perfsuite.monitor.notification;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Decides which notices go out, following Alertmanager's dispatcher and notification pipeline: each alert is routed
 * ({@link NotificationRoutes}: first matching route, more with {@code continue}, else the default); silenced and
 * inhibited alerts are muted; alerts are grouped per route by that route's labels, so a group key is (route, group
 * labels) and each receiver's log is kept per group; a new group flushes after {@code group_wait}, then every
 * {@code group_interval}; at a flush a receiver is notified when there is a firing alert it was not told of, when an
 * alert it was told was firing has resolved (resolved notices only if it wants them), when everything it was told of
 * has resolved, or when {@code repeat_interval} has passed with alerts still firing. Alerts that vanish without a
 * resolution (their rule was removed) are treated as resolved at that moment. Pure: state in, state out.
 */
public final class NotificationDispatcher {

    /** A receiver as the dispatcher sees it: a name, and whether it wants resolved notices. */
    public record Receiver(String name, boolean sendResolved) {
    }

    public record Result(DispatchState state, List<GroupNotification> notifications) {
    }

    private final NotificationRoutes routes;
    private final Map<String, Receiver> receivers = new LinkedHashMap<>();
    private final List<InhibitRule> inhibitRules;

    public NotificationDispatcher(NotificationRoutes routes, List<Receiver> receivers, List<InhibitRule> inhibitRules) {
        this.routes = routes;
        receivers.forEach(r -> this.receivers.put(r.name(), r));
        for (String name : routes.receivers()) {
            if (!this.receivers.containsKey(name)) {
                throw new IllegalArgumentException("a route sends to receiver " + name + ", which is not defined");
            }
        }
        this.inhibitRules = List.copyOf(inhibitRules);
    }

    /** One policy, every receiver told of every group (no routes configured). */
    public NotificationDispatcher(GroupingPolicy policy, List<Receiver> receivers, List<InhibitRule> inhibitRules) {
        this(NotificationRoutes.single(policy, receivers.stream().map(Receiver::name).toList()), receivers,
                inhibitRules);
    }

    /** Why an alert is muted now: the ids of the silences that match it, and whether a rule inhibits it. */
    public record Muting(List<String> silencedBy, boolean inhibited) {
        public boolean muted() {
            return inhibited || !silencedBy.isEmpty();
        }
    }

    public Muting muting(NotifiableAlert alert, Collection<NotifiableAlert> all, List<Silence> silences, Instant now) {
        List<String> silencedBy = silences.stream().filter(s -> s.mutes(alert.labels(), now)).map(Silence::id).toList();
        boolean inhibited = !alert.isResolved() && inhibitRules.stream().anyMatch(r -> r.inhibits(alert, all));
        return new Muting(silencedBy, inhibited);
    }

    /**
     * @param alerts every alert the rules hold now that a notifier would hear of: firing, and resolved within the
     *        retention (pending alerts are not sent, as in Prometheus)
     */
    public Result dispatch(Instant now, List<NotifiableAlert> alerts, List<Silence> silences, DispatchState state) {
        Map<String, Map<String, NotifiableAlert>> current = new TreeMap<>();
        Map<String, Map<String, String>> labelsOfGroup = new TreeMap<>();
        Map<String, NotificationRoute> routeOfGroup = new TreeMap<>();
        for (NotifiableAlert alert : alerts) {
            for (NotificationRoute route : routes.match(alert.labels())) {
                Map<String, String> groupLabels = route.groupLabels(alert.labels());
                String key = groupKey(route.key(), groupLabels);
                labelsOfGroup.put(key, groupLabels);
                routeOfGroup.put(key, route);
                current.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(alert.fingerprint(), alert);
            }
        }

        Map<String, DispatchState.Group> groups = new TreeMap<>();
        List<GroupNotification> out = new ArrayList<>();
        Set<String> keys = new TreeSet<>(current.keySet());
        keys.addAll(state.groups().keySet());
        for (String key : keys) {
            DispatchState.Group previous = state.groups().get(key);
            NotificationRoute route = routeOfGroup.get(key);
            if (route == null) {
                // a stored group whose route is gone (the configuration changed) is dropped with it
                route = routes.byKey(previous.route()).orElse(null);
                if (route == null) {
                    continue;
                }
            }
            Map<String, NotifiableAlert> seen = new LinkedHashMap<>(current.getOrDefault(key, Map.of()));
            if (previous != null) {
                // alerts told as firing that no longer come: resolved now, so receivers hear the end of them
                for (NotifiableAlert old : previous.alerts().values()) {
                    if (!seen.containsKey(old.fingerprint()) && !old.isResolved() && toldFiring(previous, old)) {
                        seen.put(old.fingerprint(), new NotifiableAlert(old.fingerprint(), old.labels(),
                                old.annotations(), old.startsAt(), now, old.generatorUrl()));
                    }
                }
            }
            if (previous == null) {
                if (seen.values().stream().noneMatch(a -> !a.isResolved())) {
                    continue;
                }
                previous = new DispatchState.Group(route.key(), labelsOfGroup.get(key),
                        now.plus(route.policy().groupWait()), Map.of(), Map.of());
            }
            DispatchState.Group group = new DispatchState.Group(route.key(), previous.groupLabels(),
                    previous.nextFlushAt(), seen, previous.sent());
            if (!now.isBefore(group.nextFlushAt())) {
                group = flush(now, key, route, group, alerts, silences, out);
            }
            if (group.alerts().isEmpty()) {
                continue;
            }
            groups.put(key, group);
        }
        return new Result(new DispatchState(groups), out);
    }

    private DispatchState.Group flush(Instant now, String key, NotificationRoute route, DispatchState.Group group,
            List<NotifiableAlert> all, List<Silence> silences, List<GroupNotification> out) {
        GroupingPolicy policy = route.policy();
        List<NotifiableAlert> unmuted = group.alerts().values().stream()
                .filter(a -> !muting(a, all, silences, now).muted())
                .sorted(Comparator.comparing(NotifiableAlert::fingerprint))
                .toList();
        Set<String> firing = unmuted.stream().filter(a -> !a.isResolved()).map(NotifiableAlert::fingerprint)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> resolved = unmuted.stream().filter(NotifiableAlert::isResolved).map(NotifiableAlert::fingerprint)
                .collect(Collectors.toCollection(TreeSet::new));
        Map<String, DispatchState.SentLog> sent = new TreeMap<>(group.sent());
        if (!unmuted.isEmpty()) {
            for (String name : route.receivers()) {
                Receiver receiver = receivers.get(name);
                DispatchState.SentLog log = sent.get(receiver.name());
                if (!needsUpdate(log, firing, resolved, receiver.sendResolved(), policy.repeatInterval(), now)) {
                    continue;
                }
                List<NotifiableAlert> told = unmuted.stream()
                        .filter(a -> !a.isResolved() || receiver.sendResolved()).toList();
                sent.put(receiver.name(), new DispatchState.SentLog(now, firing, resolved));
                if (!told.isEmpty()) {
                    out.add(new GroupNotification(id(receiver.name(), key, now, told), receiver.name(), key,
                            group.groupLabels(), told, now));
                }
            }
        }
        Instant next = group.nextFlushAt().plus(policy.groupInterval());
        if (!next.isAfter(now)) {
            next = now.plus(policy.groupInterval());
        }
        // once every receiver has heard of a resolution, the group forgets that alert (Alertmanager deletes it too)
        Map<String, NotifiableAlert> kept = new LinkedHashMap<>();
        for (NotifiableAlert alert : group.alerts().values()) {
            if (!alert.isResolved() || !resolved.contains(alert.fingerprint())) {
                kept.put(alert.fingerprint(), alert);
            }
        }
        if (kept.isEmpty()) {
            return new DispatchState.Group(route.key(), group.groupLabels(), next, Map.of(), sent);
        }
        return new DispatchState.Group(route.key(), group.groupLabels(), next, kept, sent);
    }

    /** Alertmanager's {@code DedupStage.needsUpdate}. */
    private static boolean needsUpdate(DispatchState.SentLog log, Set<String> firing, Set<String> resolved,
            boolean sendResolved, Duration repeatInterval, Instant now) {
        if (log == null) {
            return !firing.isEmpty();
        }
        if (!log.firing().containsAll(firing)) {
            return true;
        }
        if (firing.isEmpty()) {
            return !log.firing().isEmpty();
        }
        if (sendResolved && !log.resolved().containsAll(resolved)) {
            return true;
        }
        return !log.at().plus(repeatInterval).isAfter(now);
    }

    private static boolean toldFiring(DispatchState.Group group, NotifiableAlert alert) {
        return group.sent().values().stream().anyMatch(log -> log.firing().contains(alert.fingerprint()));
    }

    /** Alertmanager's group key: {@code <route key>:{name="value",...}}, {@code {}:{...}} for the default route. */
    static String groupKey(String routeKey, Map<String, String> groupLabels) {
        return routeKey + ":" + groupLabels.entrySet().stream().map(e -> e.getKey() + "=\"" + e.getValue() + "\"")
                .collect(Collectors.joining(", ", "{", "}"));
    }

    private static String id(String receiver, String key, Instant at, List<NotifiableAlert> alerts) {
        StringBuilder text = new StringBuilder(receiver).append('\n').append(key).append('\n').append(at);
        for (NotifiableAlert alert : alerts) {
            text.append('\n').append(alert.fingerprint()).append(alert.status());
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
