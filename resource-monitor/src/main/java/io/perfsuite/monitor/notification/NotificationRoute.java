package io.perfsuite.monitor.notification;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One Alertmanager route: alerts whose labels satisfy every matcher go to its receivers, grouped and timed by its
 * policy. {@code continueMatching} is Alertmanager's {@code continue}: later routes are tried too. The default route
 * has no matchers and key {@code {}} (Alertmanager's root); a configured route has one receiver, the default route
 * may stand for every receiver when no routes are configured.
 *
 * @param key part of every group key of this route, so groups (and the receivers' logs) never mix across routes
 */
public record NotificationRoute(String key, List<LabelMatcher> matchers, List<String> receivers, GroupingPolicy policy,
        boolean continueMatching) {

    public NotificationRoute {
        matchers = List.copyOf(matchers);
        receivers = List.copyOf(receivers);
    }

    public boolean matches(Map<String, String> labels) {
        return LabelMatcher.all(matchers, labels);
    }

    /** The labels this route groups an alert by ({@code ...}: all of them). */
    public Map<String, String> groupLabels(Map<String, String> labels) {
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
}
