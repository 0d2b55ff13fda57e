package io.perfsuite.loadbalancer.route;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import io.perfsuite.loadbalancer.config.ProxySettings;
import io.perfsuite.loadbalancer.config.ProxySettings.PoolWeight;

/** The routes in the order the configuration lists them; the first that matches wins. Immutable. */
public final class RouteTable {

    private final List<Route> routes;

    public RouteTable(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    public static RouteTable from(ProxySettings settings) {
        return new RouteTable(settings.routes().stream().map(r -> new Route(r.name(), r.host(), r.pathPrefix(),
                r.headers(), r.pools().stream().map(PoolWeight::pool).toList(),
                r.pools().stream().mapToInt(PoolWeight::weight).toArray())).toList());
    }

    public List<Route> routes() {
        return routes;
    }

    public Route route(String name) {
        for (Route route : routes) {
            if (route.name().equals(name)) {
                return route;
            }
        }
        return null;
    }

    /**
     * @param hostHeader the Host header or HTTP/2 authority as sent (may carry a port), or null
     * @return the first matching route, or null
     */
    public Route match(String hostHeader, String path, Function<String, String> header) {
        String host = hostOnly(hostHeader);
        for (Route route : routes) {
            if (route.matches(host, path, header)) {
                return route;
            }
        }
        return null;
    }

    static String hostOnly(String hostHeader) {
        if (hostHeader == null || hostHeader.isEmpty()) {
            return null;
        }
        int end = hostHeader.length();
        if (hostHeader.charAt(0) == '[') {
            int close = hostHeader.indexOf(']');
            end = close < 0 ? end : close + 1;
        } else {
            int colon = hostHeader.lastIndexOf(':');
            end = colon < 0 ? end : colon;
        }
        return hostHeader.substring(0, end).toLowerCase(Locale.ROOT);
    }
}
