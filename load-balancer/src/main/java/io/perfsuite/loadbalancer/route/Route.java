package io.perfsuite.loadbalancer.route;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * One route: a condition on host, path prefix and headers, and the pools that share its traffic by weight. The
 * weights can change at run time (canary, blue-green) without rebuilding the route table.
 */
public final class Route {

    private final String name;
    private final String host;
    private final boolean hostWildcard;
    private final String pathPrefix;
    private final Map<String, String> headers;
    private final List<String> pools;
    private final AtomicReference<int[]> weights;

    /**
     * @param host exact host, {@code *.example.com} for its subdomains, or null for any
     * @param headers exact values the named request headers must have
     */
    public Route(String name, String host, String pathPrefix, Map<String, String> headers, List<String> pools,
            int[] weights) {
        this.name = Objects.requireNonNull(name);
        this.hostWildcard = host != null && host.startsWith("*.");
        this.host = host == null ? null : (hostWildcard ? host.substring(1) : host).toLowerCase(Locale.ROOT);
        this.pathPrefix = pathPrefix == null ? "/" : pathPrefix;
        this.headers = Map.copyOf(headers);
        this.pools = List.copyOf(pools);
        if (weights.length != pools.size()) {
            throw new IllegalArgumentException("one weight per pool");
        }
        this.weights = new AtomicReference<>(weights.clone());
    }

    public String name() {
        return name;
    }

    public List<String> pools() {
        return pools;
    }

    /** The weight of each pool, in the order of {@link #pools()}. */
    public int[] weights() {
        return weights.get().clone();
    }

    /** @throws IllegalArgumentException when the pools differ from the route's or every weight is 0 */
    public void setWeights(Map<String, Integer> byPool) {
        if (!byPool.keySet().equals(new java.util.HashSet<>(pools))) {
            throw new IllegalArgumentException("weights must name exactly the route's pools " + pools);
        }
        int[] next = new int[pools.size()];
        int total = 0;
        for (int i = 0; i < next.length; i++) {
            int w = byPool.get(pools.get(i));
            if (w < 0) {
                throw new IllegalArgumentException("weight of pool '" + pools.get(i) + "' must not be negative");
            }
            next[i] = w;
            total += w;
        }
        if (total == 0) {
            throw new IllegalArgumentException("the weights must not all be 0");
        }
        weights.set(next);
    }

    /**
     * @param host the request's host without port, lower case, or null
     * @param header a request header's first value by name, null when absent
     */
    public boolean matches(String host, String path, Function<String, String> header) {
        if (this.host != null) {
            if (host == null) {
                return false;
            }
            if (hostWildcard ? !(host.endsWith(this.host) && host.length() > this.host.length()) : !host.equals(this.host)) {
                return false;
            }
        }
        if (!path.startsWith(pathPrefix)) {
            return false;
        }
        for (Map.Entry<String, String> required : headers.entrySet()) {
            if (!required.getValue().equals(header.apply(required.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** The pool for one request, drawn by weight. */
    public String pickPool(RandomGenerator random) {
        if (pools.size() == 1) {
            return pools.get(0);
        }
        int[] w = weights.get();
        int total = 0;
        for (int x : w) {
            total += x;
        }
        int draw = random.nextInt(total);
        for (int i = 0; i < w.length; i++) {
            draw -= w[i];
            if (draw < 0) {
                return pools.get(i);
            }
        }
        return pools.get(pools.size() - 1);
    }
}
