package io.perfsuite.cache.api;

import java.time.Clock;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.perfsuite.cache.config.CacheConfig.Role;
import io.perfsuite.cache.entry.CacheEntry;
import io.perfsuite.cache.namespace.Namespace;
import io.perfsuite.cache.origin.OriginClient.OriginFailureException;
import io.perfsuite.cache.tier.TieredCache;
import io.perfsuite.cache.tier.TieredCache.Lookup;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /v1/cache/{namespace}/{key}} on the Vert.x router itself.
 * <p>
 * A cache read is the one call clients make at a rate where the framework's own work dominates: an L1 hit costs less
 * than building a Jakarta REST response. So reads are answered here, on the event loop, with the same rules, auth and
 * problem bodies as {@link CacheResource}, which keeps every other endpoint.
 */
@ApplicationScoped
public class CacheReadRoute {

    private static final Logger LOG = Logger.getLogger(CacheReadRoute.class);
    /** What metrics and traces name the route by (Quarkus reads this context local), instead of every key. */
    private static final String PATH_TEMPLATE = "/v1/cache/{namespace}/{key}";
    static final String TIER_HEADER = "X-Cache-Tier";
    static final String BYPASS_HEADER = "X-Cache-Bypass";
    private static final String READ_PATH = "/v1/cache/([^/]+)/(.+)";
    private static final String PROBLEM_TYPE = Problem.MEDIA_TYPE.toString();

    private final TieredCache cache;
    private final RequestRules rules;
    private final ApiKeyGuard guard;
    private final Clock clock;
    private final ObjectMapper json;

    CacheReadRoute(TieredCache cache, RequestRules rules, ApiKeyGuard guard, Clock clock, ObjectMapper json) {
        this.cache = cache;
        this.rules = rules;
        this.guard = guard;
        this.clock = clock;
        this.json = json;
    }

    void register(@Observes Router router) {
        // namespace, then the rest of the path as the key (keys may contain '/')
        router.getWithRegex(READ_PATH).handler(this::handle);
        router.routeWithRegex(HttpMethod.HEAD, READ_PATH).handler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        String namespace = ctx.pathParam("param0");
        String key = withoutTrailingSlashes(ctx.pathParam("param1"));
        if ("warm".equals(key)) {
            ctx.next(); // the warm-job status of the namespace, served by WarmResource
            return;
        }
        ((HttpServerRequestInternal) ctx.request()).context().putLocal("UrlPathTemplate", PATH_TEMPLATE);
        Namespace ns;
        try {
            ns = rules.namespace(namespace);
            guard.require(ctx.request()::getHeader, ns, Role.READ);
            rules.checkKey("key", key);
        } catch (ProblemException e) {
            problem(ctx.response(), e.problem());
            return;
        }
        boolean bypass = "l1".equalsIgnoreCase(ctx.request().getHeader(BYPASS_HEADER));
        cache.read(ns, key, bypass).onComplete(read -> {
            if (read.succeeded()) {
                answer(ctx, read.result());
            } else {
                fail(ctx, read.cause());
            }
        });
    }

    /** Jakarta REST drops trailing slashes from the key a write names, so a read must too to find it. */
    private static String withoutTrailingSlashes(String key) {
        int end = key.length();
        while (end > 0 && key.charAt(end - 1) == '/') {
            end--;
        }
        return key.substring(0, end);
    }

    private void answer(RoutingContext ctx, Lookup lookup) {
        HttpServerResponse response = ctx.response();
        if (lookup.degraded()) {
            response.putHeader(CacheResource.DEGRADED_HEADER, "true");
        }
        if (lookup.entry().isEmpty()) {
            response.putHeader("Cache-Status", "perfsuite; fwd=miss");
            problem(response, new Problem("about:blank", "Not Found", 404, "no value for this key", List.of()));
            return;
        }
        CacheEntry entry = lookup.entry().get();
        String tier = lookup.tier().name();
        response.putHeader(HttpHeaders.ETAG, entry.etag())
                .putHeader(HttpHeaders.AGE, Long.toString(Math.max(0, entry.age(clock.instant()).toSeconds())))
                .putHeader(TIER_HEADER, tier)
                .putHeader("Cache-Status", "perfsuite; hit; detail=" + tier);
        if (matches(ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH), entry.etag())) {
            response.setStatusCode(304).end();
            return;
        }
        response.putHeader(HttpHeaders.CONTENT_TYPE, entry.contentType()).end(Buffer.buffer(entry.value()));
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.trim();
            if (t.equals("*") || t.equals(etag) || t.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    private void fail(RoutingContext ctx, Throwable failure) {
        if (failure instanceof ProblemException p) {
            problem(ctx.response(), p.problem());
            return;
        }
        if (failure instanceof OriginFailureException) {
            problem(ctx.response(), new Problem("about:blank", "Bad Gateway", 502, failure.getMessage(), List.of()));
            return;
        }
        LOG.error("unhandled failure reading the cache", failure);
        problem(ctx.response(), new Problem("about:blank", "Internal Server Error", 500,
                "internal error; see the service log", List.of()));
    }

    private void problem(HttpServerResponse response, Problem problem) {
        byte[] body;
        try {
            body = json.writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem body must always serialise", e);
        }
        response.setStatusCode(problem.status()).putHeader(HttpHeaders.CONTENT_TYPE, PROBLEM_TYPE).end(Buffer.buffer(body));
    }
}
