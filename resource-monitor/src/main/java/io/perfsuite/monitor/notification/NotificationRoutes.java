package io.perfsuite.monitor.notification;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Alertmanager's routing one level deep: the routes are tried in order, the first that matches takes the alert and
 * ends the search unless it says {@code continue}; an alert no route takes goes to the default route (the root's
 * receiver). Keys follow Alertmanager's {@code {}/{matchers}}; two routes with the same matchers get their position
 * appended so their groups stay apart.
 */
public final class NotificationRoutes {

    public static final String DEFAULT_KEY = "{}";

    /** A route as configured, before it has a key. */
    public record Spec(List<LabelMatcher> matchers, String receiver, GroupingPolicy policy, boolean continueMatching) {
    }

    private final List<NotificationRoute> routes;
    private final NotificationRoute defaultRoute;
    private final Map<String, NotificationRoute> byKey = new LinkedHashMap<>();

    public NotificationRoutes(List<Spec> specs, NotificationRoute defaultRoute) {
        if (!DEFAULT_KEY.equals(defaultRoute.key()) || !defaultRoute.matchers().isEmpty()) {
            throw new IllegalArgumentException("the default route has key {} and no matchers");
        }
        Map<String, Long> sameMatchers = specs.stream()
                .collect(Collectors.groupingBy(s -> matcherText(s.matchers()), Collectors.counting()));
        List<NotificationRoute> built = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            Spec spec = specs.get(i);
            String text = matcherText(spec.matchers());
            String key = DEFAULT_KEY + "/" + text + (sameMatchers.get(text) > 1 ? "/" + i : "");
            built.add(new NotificationRoute(key, spec.matchers(), List.of(spec.receiver()), spec.policy(),
                    spec.continueMatching()));
        }
        this.routes = List.copyOf(built);
        this.defaultRoute = defaultRoute;
        byKey.put(defaultRoute.key(), defaultRoute);
        routes.forEach(r -> byKey.put(r.key(), r));
    }

    /** One default route to every receiver: the behaviour without configured routes. */
    public static NotificationRoutes single(GroupingPolicy policy, List<String> receivers) {
        return new NotificationRoutes(List.of(), new NotificationRoute(DEFAULT_KEY, List.of(), receivers, policy, false));
    }

    /** The routes that take an alert with these labels, in order; never empty. */
    public List<NotificationRoute> match(Map<String, String> labels) {
        List<NotificationRoute> out = new ArrayList<>();
        for (NotificationRoute route : routes) {
            if (route.matches(labels)) {
                out.add(route);
                if (!route.continueMatching()) {
                    break;
                }
            }
        }
        return out.isEmpty() ? List.of(defaultRoute) : out;
    }

    public Optional<NotificationRoute> byKey(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    public List<NotificationRoute> routes() {
        return routes;
    }

    public NotificationRoute defaultRoute() {
        return defaultRoute;
    }

    /** Every receiver name some route sends to. */
    public Set<String> receivers() {
        Set<String> out = new HashSet<>(defaultRoute.receivers());
        routes.forEach(r -> out.addAll(r.receivers()));
        return out;
    }

    private static String matcherText(List<LabelMatcher> matchers) {
        return matchers.stream().map(LabelMatcher::toString).collect(Collectors.joining(",", "{", "}"));
    }
}
