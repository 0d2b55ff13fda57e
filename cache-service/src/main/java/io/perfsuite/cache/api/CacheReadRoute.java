package io.perfsuite.cache.api;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.perfsuite.api.problem.Problem;
import io.perfsuite.api.problem.ProblemException;
import io.perfsuite.api.problem.ProblemWriter;
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
    /** On the read's server span: which tier answered (or was the last one asked, on a miss), and whether it hit. */
    static final AttributeKey<String> TIER_ATTRIBUTE = AttributeKey.stringKey("cache.tier");
    static final AttributeKey<Boolean> HIT_ATTRIBUTE = AttributeKey.booleanKey("cache.hit");
    private static final String READ_PATH = "/v1/cache/([^/]+)/(.+)";
    /** A miss is the common answer: one problem for all of them. */
    private static final Problem NOT_FOUND = Problem.of(404, "no value for this key");

    private final TieredCache cache;
    private final RequestRules rules;
    private final ReadAccess readAccess;
    private final Clock clock;

    CacheReadRoute(TieredCache cache, RequestRules rules, ReadAccess readAccess, Clock clock) {
        this.cache = cache;
        this.rules = rules;
        this.readAccess = readAccess;
        this.clock = clock;
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
            readAccess.require(ctx.request()::getHeader, ns);
            rules.checkKey("key", key);
        } catch (ProblemException e) {
            ProblemWriter.write(ctx.response(), e);
            return;
        }
        boolean bypass = "l1".equalsIgnoreCase(ctx.request().getHeader(BYPASS_HEADER));
        // taken here, on the request's context: the read may complete on a Redis callback
        Span span = Span.current();
        cache.read(ns, key, bypass).onComplete(read -> {
            if (read.succeeded()) {
                if (span.isRecording()) {
                    span.setAttribute(TIER_ATTRIBUTE, read.result().tier().name());
                    span.setAttribute(HIT_ATTRIBUTE, read.result().entry().isPresent());
                }
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
            ProblemWriter.write(response, NOT_FOUND);
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
            ProblemWriter.write(ctx.response(), p);
            return;
        }
        if (failure instanceof OriginFailureException) {
            ProblemWriter.write(ctx.response(), Problem.of(502, failure.getMessage()));
            return;
        }
        LOG.error("unhandled failure reading the cache", failure);
        ProblemWriter.write(ctx.response(), Problem.of(500, "internal error; see the service log"));
    }
}
