package io.perfsuite.monitor.notification;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
 * Decides which notices go out, following Alertmanager's dispatcher and notification pipeline: silenced and inhibited
 * alerts are muted; alerts are grouped by the policy's labels; a new group flushes after {@code group_wait}, then every
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

    private final GroupingPolicy policy;
    private final List<Receiver> receivers;
    private final List<InhibitRule> inhibitRules;

    public NotificationDispatcher(GroupingPolicy policy, List<Receiver> receivers, List<InhibitRule> inhibitRules) {
        this.policy = policy;
        this.receivers = List.copyOf(receivers);
        this.inhibitRules = List.copyOf(inhibitRules);
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
        for (NotifiableAlert alert : alerts) {
            Map<String, String> groupLabels = groupLabels(alert.labels());
            String key = groupKey(groupLabels);
            labelsOfGroup.put(key, groupLabels);
            current.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(alert.fingerprint(), alert);
        }

        Map<String, DispatchState.Group> groups = new TreeMap<>();
        List<GroupNotification> out = new ArrayList<>();
        Set<String> keys = new TreeSet<>(current.keySet());
        keys.addAll(state.groups().keySet());
        for (String key : keys) {
            DispatchState.Group previous = state.groups().get(key);
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
                previous = new DispatchState.Group(labelsOfGroup.get(key), now.plus(policy.groupWait()), Map.of(),
                        Map.of());
            }
            DispatchState.Group group = new DispatchState.Group(previous.groupLabels(), previous.nextFlushAt(), seen,
                    previous.sent());
            if (!now.isBefore(group.nextFlushAt())) {
                group = flush(now, key, group, alerts, silences, out);
            }
            if (group.alerts().isEmpty()) {
                continue;
            }
            groups.put(key, group);
        }
        return new Result(new DispatchState(groups), out);
    }

    private DispatchState.Group flush(Instant now, String key, DispatchState.Group group, List<NotifiableAlert> all,
            List<Silence> silences, List<GroupNotification> out) {
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
            for (Receiver receiver : receivers) {
                DispatchState.SentLog log = sent.get(receiver.name());
                if (!needsUpdate(log, firing, resolved, receiver.sendResolved(), now)) {
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
            return new DispatchState.Group(group.groupLabels(), next, Map.of(), sent);
        }
        return new DispatchState.Group(group.groupLabels(), next, kept, sent);
    }

    /** Alertmanager's {@code DedupStage.needsUpdate}. */
    private boolean needsUpdate(DispatchState.SentLog log, Set<String> firing, Set<String> resolved, boolean sendResolved,
            Instant now) {
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
        return !log.at().plus(policy.repeatInterval()).isAfter(now);
    }

    private static boolean toldFiring(DispatchState.Group group, NotifiableAlert alert) {
        return group.sent().values().stream().anyMatch(log -> log.firing().contains(alert.fingerprint()));
    }

    private Map<String, String> groupLabels(Map<String, String> labels) {
        if (policy.groupsByAll()) {
            return new TreeMap<>(labels);
        }
        Map<String, String> out = new TreeMap<>();
        for (String name : policy.groupBy()) {
            String value = labels.get(name);
            if (value != null) {
                out.put(name, value);
            }
        }
        return out;
    }

    /** Alertmanager's group key for the root route: {@code {}:{name="value",...}}. */
    static String groupKey(Map<String, String> groupLabels) {
        return "{}:" + groupLabels.entrySet().stream().map(e -> e.getKey() + "=\"" + e.getValue() + "\"")
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
