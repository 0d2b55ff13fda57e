package io.perfsuite.loadbalancer.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.perfsuite.loadbalancer.config.ProxySettings.HealthCheckSettings;
import io.perfsuite.loadbalancer.config.ProxySettings.KubernetesService;
import io.perfsuite.loadbalancer.config.ProxySettings.PoolSettings;
import io.perfsuite.loadbalancer.config.ProxySettings.PoolWeight;
import io.perfsuite.loadbalancer.config.ProxySettings.RouteSettings;
import io.perfsuite.loadbalancer.config.ProxySettings.StickySettings;
import io.perfsuite.loadbalancer.config.ProxySettings.Timeouts;
import io.perfsuite.loadbalancer.endpoint.EndpointSpec;
import io.perfsuite.loadbalancer.endpoint.HealthThresholds;
import io.perfsuite.loadbalancer.endpoint.OutlierDetection;
import io.perfsuite.loadbalancer.endpoint.PeakEwma;
import io.perfsuite.loadbalancer.endpoint.PoolPolicy;
import io.perfsuite.loadbalancer.endpoint.SlowStart;
import io.perfsuite.loadbalancer.resilience.AdmissionLimits;
import io.perfsuite.loadbalancer.resilience.RetryBudget;
import io.perfsuite.loadbalancer.resilience.RetryPolicy;
import io.perfsuite.loadbalancer.strategy.StickyCookieStrategy;

/**
 * Reads the routing file (YAML) into {@link ProxySettings}, collecting every broken rule with its path in the file
 * rather than stopping at the first. No I/O: the caller reads the file. The format is in the module README.
 */
public final class ProxyConfigFile {

    private static final java.util.regex.Pattern DNS_LABEL = java.util.regex.Pattern
            .compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final String file;
    private final List<ConfigError> errors = new ArrayList<>();

    private ProxyConfigFile(String file) {
        this.file = file;
    }

    /**
     * @param file the file's name, for messages
     * @param defaultBackends {@code lb.backends}: the backends of a pool that lists none and has no discovery
     */
    public static ProxySettings parse(String file, String text, List<URI> defaultBackends) throws InvalidConfigException {
        return new ProxyConfigFile(file).read(text, defaultBackends);
    }

    private ProxySettings read(String text, List<URI> defaultBackends) throws InvalidConfigException {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            throw new InvalidConfigException(file, List.of(new ConfigError("(file)", "yaml",
                    "is not valid YAML" + where + ": " + e.getOriginalMessage())));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidConfigException(file, List.of(new ConfigError("(file)", "object",
                    "must be a YAML mapping with 'pools' and 'routes'")));
        }
        unknownFields(root, "", Set.of("pools", "routes"));
        List<PoolSettings> pools = new ArrayList<>();
        JsonNode poolNodes = root.path("pools");
        if (!poolNodes.isArray() || poolNodes.isEmpty()) {
            error("pools", "required", "must list at least one pool");
        } else {
            Set<String> names = new HashSet<>();
            for (int i = 0; i < poolNodes.size(); i++) {
                PoolSettings pool = pool(poolNodes.get(i), "pools[" + i + "]", defaultBackends);
                if (pool != null && !names.add(pool.name())) {
                    error("pools[" + i + "].name", "unique", "pool '" + pool.name() + "' is defined twice");
                }
                if (pool != null) {
                    pools.add(pool);
                }
            }
        }
        Set<String> poolNames = new HashSet<>(pools.stream().map(PoolSettings::name).toList());
        List<RouteSettings> routes = new ArrayList<>();
        JsonNode routeNodes = root.path("routes");
        if (routeNodes.isMissingNode() && pools.size() == 1) {
            // one pool and no routes: everything goes to it, like the LB_BACKENDS setup
            routes.add(new RouteSettings(pools.get(0).name(), null, "/", Map.of(),
                    List.of(new PoolWeight(pools.get(0).name(), 1))));
        } else if (!routeNodes.isArray() || routeNodes.isEmpty()) {
            error("routes", "required", "must list at least one route when there is more than one pool");
        } else {
            Set<String> names = new HashSet<>();
            for (int i = 0; i < routeNodes.size(); i++) {
                RouteSettings route = route(routeNodes.get(i), "routes[" + i + "]", poolNames);
                if (route != null && !names.add(route.name())) {
                    error("routes[" + i + "].name", "unique", "route '" + route.name() + "' is defined twice");
                }
                if (route != null) {
                    routes.add(route);
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidConfigException(file, errors);
        }
        return new ProxySettings(List.copyOf(pools), List.copyOf(routes));
    }

    private PoolSettings pool(JsonNode node, String at, List<URI> defaultBackends) {
        if (!node.isObject()) {
            error(at, "object", "must be a mapping");
            return null;
        }
        unknownFields(node, at, Set.of("name", "strategy", "backends", "kubernetes", "health-check", "slow-start",
                "outlier-detection", "limits", "timeouts", "retries", "panic-threshold-percent", "hash-key", "sticky"));
        int before = errors.size();
        String name = name(node, at);
        String strategy = text(node, at, "strategy", PoolSettings.DEFAULT_STRATEGY);
        if (strategy != null && !StrategyNames.ALL.contains(strategy)) {
            error(at + ".strategy", "one-of", "must be one of " + StrategyNames.ALL);
        }
        String hashKey = text(node, at, "hash-key", "client-ip");
        if (hashKey != null && !hashKey.equals("client-ip")
                && !hashKey.matches("(header|cookie):[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
            error(at + ".hash-key", "hash-key", "must be client-ip, header:NAME or cookie:NAME");
        }
        StickySettings sticky = sticky(node.path("sticky"), at + ".sticky", strategy);
        KubernetesService kubernetes = null;
        JsonNode k8s = node.path("kubernetes");
        if (!k8s.isMissingNode()) {
            String k = at + ".kubernetes";
            unknownFields(k8s, k, Set.of("namespace", "service", "port", "scheme"));
            kubernetes = new KubernetesService(text(k8s, k, "namespace", "default"), requiredText(k8s, k, "service"),
                    text(k8s, k, "port", null), text(k8s, k, "scheme", KubernetesService.AUTO));
            dnsLabel(k + ".namespace", kubernetes.namespace());
            dnsLabel(k + ".service", kubernetes.service());
            if (kubernetes.scheme() != null && !KubernetesService.SCHEMES.contains(kubernetes.scheme())) {
                error(k + ".scheme", "one-of", "must be one of " + KubernetesService.SCHEMES);
            }
        }
        List<EndpointSpec> backends = new ArrayList<>();
        JsonNode backendNodes = node.path("backends");
        if (backendNodes.isMissingNode()) {
            if (kubernetes == null) {
                defaultBackends.forEach(uri -> backends.add(EndpointSpec.of(uri)));
            }
        } else if (!backendNodes.isArray()) {
            error(at + ".backends", "list", "must be a list of backends");
        } else {
            if (kubernetes != null) {
                error(at + ".backends", "exclusive", "a pool takes its backends from 'backends' or 'kubernetes', not both");
            }
            if (backendNodes.isEmpty()) {
                error(at + ".backends", "required", "must list at least one backend");
            }
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < backendNodes.size(); i++) {
                EndpointSpec spec = backend(backendNodes.get(i), at + ".backends[" + i + "]");
                if (spec != null && !ids.add(spec.id())) {
                    error(at + ".backends[" + i + "]", "unique", "backend '" + spec.id() + "' is listed twice");
                }
                if (spec != null) {
                    backends.add(spec);
                }
            }
        }
        JsonNode hc = node.path("health-check");
        String h = at + ".health-check";
        unknownFields(hc, h, Set.of("enabled", "path", "interval", "timeout", "expected-status", "fall", "rise"));
        boolean checks = bool(hc, h, "enabled", true);
        String path = text(hc, h, "path", HealthCheckSettings.DEFAULT.path());
        if (path != null && !path.startsWith("/")) {
            error(h + ".path", "absolute-path", "must start with /");
        }
        HealthCheckSettings healthCheck = new HealthCheckSettings(checks ? path : null,
                positiveDuration(hc, h, "interval", HealthCheckSettings.DEFAULT.interval()),
                positiveDuration(hc, h, "timeout", HealthCheckSettings.DEFAULT.timeout()),
                integer(hc, h, "expected-status", 200, 100, 599));
        Supplier<HealthThresholds> thresholds = () -> new HealthThresholds(integer(hc, h, "fall", 3, 1, 100),
                integer(hc, h, "rise", 2, 1, 100), true);

        JsonNode ss = node.path("slow-start");
        String s = at + ".slow-start";
        unknownFields(ss, s, Set.of("window", "aggression", "min-weight-percent"));
        Duration window = duration(ss, s, "window", Duration.ZERO);
        double aggression = number(ss, s, "aggression", 1.0, 0.01, 100);
        int minPercent = integer(ss, s, "min-weight-percent", 10, 1, 100);

        JsonNode od = node.path("outlier-detection");
        String o = at + ".outlier-detection";
        unknownFields(od, o, Set.of("consecutive-5xx", "consecutive-gateway-failures", "base-ejection-time",
                "max-ejection-time", "max-ejection-percent"));
        OutlierDetection dflt = OutlierDetection.DEFAULT;
        int c5xx = integer(od, o, "consecutive-5xx", dflt.consecutive5xx(), 0, 1000);
        int cgw = integer(od, o, "consecutive-gateway-failures", dflt.consecutiveGatewayFailures(), 0, 1000);
        Duration base = positiveDuration(od, o, "base-ejection-time", dflt.baseEjectionTime());
        Duration max = positiveDuration(od, o, "max-ejection-time", dflt.maxEjectionTime());
        int maxPercent = integer(od, o, "max-ejection-percent", dflt.maxEjectionPercent(), 0, 100);
        if (base != null && max != null && max.compareTo(base) < 0) {
            error(o + ".max-ejection-time", "at-least-base", "must be at least base-ejection-time (" + base + ")");
        }

        JsonNode lim = node.path("limits");
        String l = at + ".limits";
        unknownFields(lim, l, Set.of("max-concurrent", "queue-size", "queue-timeout"));
        AdmissionLimits admission = new AdmissionLimits(integer(lim, l, "max-concurrent", 0, 0, 1_000_000),
                integer(lim, l, "queue-size", 0, 0, 1_000_000),
                positiveDuration(lim, l, "queue-timeout", AdmissionLimits.UNLIMITED.queueTimeout()));

        JsonNode to = node.path("timeouts");
        String t = at + ".timeouts";
        unknownFields(to, t, Set.of("connect", "request", "idle"));
        Timeouts timeouts = new Timeouts(positiveDuration(to, t, "connect", Timeouts.DEFAULT.connect()),
                positiveDuration(to, t, "request", Timeouts.DEFAULT.request()),
                positiveDuration(to, t, "idle", Timeouts.DEFAULT.idle()));

        JsonNode rt = node.path("retries");
        String r = at + ".retries";
        unknownFields(rt, r, Set.of("max-retries", "budget-percent", "min-per-second", "methods"));
        int maxRetries = integer(rt, r, "max-retries", RetryPolicy.DEFAULT.maxRetries(), 0, 10);
        Set<String> methods = RetryPolicy.IDEMPOTENT_METHODS;
        JsonNode methodNodes = rt.path("methods");
        if (!methodNodes.isMissingNode()) {
            if (!methodNodes.isArray()) {
                error(r + ".methods", "list", "must be a list of HTTP methods");
            } else {
                methods = new HashSet<>();
                for (JsonNode method : methodNodes) {
                    methods.add(method.asText());
                }
            }
        }
        RetryBudget.Settings budget = new RetryBudget.Settings(
                number(rt, r, "budget-percent", RetryBudget.Settings.DEFAULT.ratio() * 100, 0, 1000) / 100.0,
                integer(rt, r, "min-per-second", RetryBudget.Settings.DEFAULT.minPerSecond(), 0, 1_000_000),
                RetryBudget.Settings.DEFAULT.window());
        int panic = integer(node, at, "panic-threshold-percent", PoolPolicy.DEFAULT.panicThresholdPercent(), 0, 100);

        if (errors.size() > before) {
            return null;
        }
        PoolPolicy policy = new PoolPolicy(thresholds.get(), new SlowStart(window, aggression, minPercent / 100.0),
                new OutlierDetection(c5xx, cgw, base, max, maxPercent), PeakEwma.DEFAULT, admission,
                new RetryPolicy(methods, maxRetries), budget, panic);
        return new PoolSettings(name, strategy, hashKey, sticky, List.copyOf(backends), kubernetes, healthCheck, policy,
                timeouts);
    }

    private StickySettings sticky(JsonNode node, String at, String strategy) {
        if (node.isMissingNode()) {
            return StickySettings.DEFAULT;
        }
        if (!node.isObject()) {
            error(at, "object", "must be a mapping with cookie and fallback");
            return StickySettings.DEFAULT;
        }
        if (strategy != null && !strategy.equals(StickyCookieStrategy.NAME)) {
            // a cookie name under another strategy would be silently ignored: say so instead
            error(at, "needs-strategy", "applies only to strategy " + StickyCookieStrategy.NAME + ", not " + strategy);
        }
        unknownFields(node, at, Set.of("cookie", "fallback"));
        String cookie = text(node, at, "cookie", StickySettings.DEFAULT.cookie());
        if (!StickyCookieStrategy.validCookieName(cookie)) {
            error(at + ".cookie", "cookie-name", "must be an RFC 6265 token: letters, digits and !#$%&'*+-.^_`|~");
        }
        String fallback = text(node, at, "fallback", StickySettings.DEFAULT.fallback());
        List<String> fallbacks = StrategyNames.ALL.stream().filter(n -> !n.equals(StickyCookieStrategy.NAME)).toList();
        if (!fallbacks.contains(fallback)) {
            error(at + ".fallback", "one-of", "must be one of " + fallbacks);
        }
        return new StickySettings(cookie, fallback);
    }

    private EndpointSpec backend(JsonNode node, String at) {
        JsonNode urlNode;
        int weight = EndpointSpec.DEFAULT_WEIGHT;
        String id = null;
        if (node.isTextual()) {
            urlNode = node;
        } else if (node.isObject()) {
            unknownFields(node, at, Set.of("url", "weight", "id"));
            urlNode = node.path("url");
            weight = integer(node, at, "weight", EndpointSpec.DEFAULT_WEIGHT, 0, 1_000_000);
            id = text(node, at, "id", null);
        } else {
            error(at, "backend", "must be a URL or a mapping with 'url' and 'weight'");
            return null;
        }
        String field = node.isTextual() ? at : at + ".url";
        if (!urlNode.isTextual()) {
            error(field, "required", "must be an http:// or https:// URL");
            return null;
        }
        URI uri;
        try {
            uri = new URI(urlNode.asText());
        } catch (URISyntaxException e) {
            error(field, "http-url", "is not a URL: " + e.getMessage());
            return null;
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            error(field, "http-url", "must be an absolute http:// or https:// URL with a host, was '" + uri + "'");
            return null;
        }
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")) {
            error(field, "no-path", "must not have a path: the client's path is forwarded as it is");
            return null;
        }
        return new EndpointSpec(id != null ? id : uri.getAuthority(), uri, weight);
    }

    private RouteSettings route(JsonNode node, String at, Set<String> poolNames) {
        if (!node.isObject()) {
            error(at, "object", "must be a mapping");
            return null;
        }
        unknownFields(node, at, Set.of("name", "match", "pool", "pools"));
        int before = errors.size();
        String name = name(node, at);
        JsonNode match = node.path("match");
        String m = at + ".match";
        unknownFields(match, m, Set.of("host", "path-prefix", "headers"));
        String host = text(match, m, "host", null);
        String prefix = text(match, m, "path-prefix", "/");
        if (prefix != null && !prefix.startsWith("/")) {
            error(m + ".path-prefix", "absolute-path", "must start with /");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        JsonNode headerNodes = match.path("headers");
        if (!headerNodes.isMissingNode()) {
            if (!headerNodes.isObject()) {
                error(m + ".headers", "object", "must map header names to the exact value to match");
            } else {
                for (Iterator<Map.Entry<String, JsonNode>> it = headerNodes.fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> header = it.next();
                    if (!header.getValue().isValueNode() || header.getValue().isNull()) {
                        error(m + ".headers." + header.getKey(), "text", "must be a value");
                    } else {
                        headers.put(header.getKey(), header.getValue().asText());
                    }
                }
            }
        }
        List<PoolWeight> targets = new ArrayList<>();
        JsonNode single = node.path("pool");
        JsonNode many = node.path("pools");
        if (single.isMissingNode() == many.isMissingNode()) {
            error(at + ".pool", "required", "a route names exactly one of 'pool' or 'pools' (weighted)");
        } else if (!single.isMissingNode()) {
            String pool = single.asText();
            if (!poolNames.contains(pool)) {
                error(at + ".pool", "unknown-pool", "names pool '" + pool + "', which is not defined under 'pools'");
            }
            targets.add(new PoolWeight(pool, 1));
        } else if (!many.isArray() || many.isEmpty()) {
            error(at + ".pools", "required", "must list pools with weights, e.g. [{pool: blue, weight: 90}]");
        } else {
            for (int i = 0; i < many.size(); i++) {
                String p = at + ".pools[" + i + "]";
                JsonNode target = many.get(i);
                unknownFields(target, p, Set.of("pool", "weight"));
                String pool = requiredText(target, p, "pool");
                if (pool != null && !poolNames.contains(pool)) {
                    error(p + ".pool", "unknown-pool", "names pool '" + pool + "', which is not defined under 'pools'");
                }
                targets.add(new PoolWeight(pool, integer(target, p, "weight", 1, 0, 1_000_000)));
            }
            if (targets.stream().mapToInt(PoolWeight::weight).sum() == 0) {
                error(at + ".pools", "positive-total", "the weights must not all be 0");
            }
        }
        if (errors.size() > before) {
            return null;
        }
        return new RouteSettings(name, host, prefix, Map.copyOf(headers), List.copyOf(targets));
    }

    private String name(JsonNode node, String at) {
        String name = requiredText(node, at, "name");
        if (name != null && !name.matches("[a-zA-Z0-9][a-zA-Z0-9._-]{0,62}")) {
            error(at + ".name", "name", "must be 1-63 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return name;
    }

    private void unknownFields(JsonNode node, String at, Set<String> known) {
        if (!node.isObject()) {
            return;
        }
        node.fieldNames().forEachRemaining(field -> {
            if (!known.contains(field)) {
                error(at.isEmpty() ? field : at + "." + field, "unknown-field",
                        "is not a known field; expected one of " + new java.util.TreeSet<>(known));
            }
        });
    }

    private String requiredText(JsonNode node, String at, String field) {
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            error(at + "." + field, "required", "must be given as text");
            return null;
        }
        return value.asText();
    }

    private String text(JsonNode node, String at, String field, String fallback) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return fallback;
        }
        if (!value.isValueNode() || value.asText().isBlank()) {
            error(at + "." + field, "text", "must be text");
            return fallback;
        }
        return value.asText();
    }

    private boolean bool(JsonNode node, String at, String field, boolean fallback) {
        JsonNode value = node.path(field);
        if (value.isMissingNode()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            error(at + "." + field, "boolean", "must be true or false");
            return fallback;
        }
        return value.asBoolean();
    }

    private int integer(JsonNode node, String at, String field, int fallback, int min, int max) {
        JsonNode value = node.path(field);
        if (value.isMissingNode()) {
            return fallback;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber()) {
            error(at + "." + field, "integer", "must be a whole number between " + min + " and " + max);
            return fallback;
        }
        int v = value.asInt();
        if (v < min || v > max) {
            error(at + "." + field, "range", "must be between " + min + " and " + max + ", was " + v);
            return fallback;
        }
        return v;
    }

    private double number(JsonNode node, String at, String field, double fallback, double min, double max) {
        JsonNode value = node.path(field);
        if (value.isMissingNode()) {
            return fallback;
        }
        if (!value.isNumber() || value.asDouble() < min || value.asDouble() > max) {
            error(at + "." + field, "range", "must be a number between " + min + " and " + max);
            return fallback;
        }
        return value.asDouble();
    }

    private Duration duration(JsonNode node, String at, String field, Duration fallback) {
        JsonNode value = node.path(field);
        if (value.isMissingNode()) {
            return fallback;
        }
        Duration parsed = value.isTextual() ? DurationText.parse(value.asText()) : null;
        if (parsed == null) {
            error(at + "." + field, "duration", "must be a duration such as 250ms, 2s, 5m or 1h");
            return fallback;
        }
        return parsed;
    }

    private Duration positiveDuration(JsonNode node, String at, String field, Duration fallback) {
        Duration parsed = duration(node, at, field, fallback);
        if (parsed.isZero()) {
            error(at + "." + field, "positive", "must be longer than 0");
            return fallback;
        }
        return parsed;
    }

    /** Namespace and Service names are RFC 1123 labels; checked here so a typo is a file error, not a dead watch. */
    private void dnsLabel(String at, String value) {
        if (value != null && !DNS_LABEL.matcher(value).matches()) {
            error(at, "dns-label", "must be a DNS label (RFC 1123: lower-case letters, digits and '-', at most 63)");
        }
    }

    private void error(String field, String rule, String message) {
        errors.add(new ConfigError(field, rule, message));
    }
}
