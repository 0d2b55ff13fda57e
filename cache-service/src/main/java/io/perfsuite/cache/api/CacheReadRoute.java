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
import io.perfsuite.cache.tier.TieredCache.Tier;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.core.net.impl.URIDecoder;
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
    private static final String PREFIX = "/v1/cache/";
    /**
     * Ahead of Quarkus' filters (CORS -300, authentication -200, and Quarkus REST's per-request template lookup):
     * reads check their key themselves ({@link ReadAccess}), and on an L1 hit those filters allocated more than the
     * rest of the request together (a JFR profile: 6.7 KiB per hit, a third of it theirs).
     */
    static final int ORDER = -1_000;
    private static final CharSequence ETAG = HttpHeaders.createOptimized("ETag");
    private static final CharSequence AGE = HttpHeaders.createOptimized("Age");
    private static final CharSequence TIER = HttpHeaders.createOptimized(TIER_HEADER);
    private static final CharSequence CACHE_STATUS = HttpHeaders.createOptimized("Cache-Status");
    private static final CharSequence CONTENT_TYPE = HttpHeaders.createOptimized("Content-Type");
    private static final CharSequence DEGRADED = HttpHeaders.createOptimized(CacheResource.DEGRADED_HEADER);
    private static final CharSequence TRUE = HttpHeaders.createOptimized("true");
    private static final CharSequence MISS_STATUS = HttpHeaders.createOptimized("perfsuite; fwd=miss");
    /** Per tier, by ordinal: the header values of a hit, built once instead of per answer. */
    private static final CharSequence[] TIER_NAMES = new CharSequence[Tier.values().length];
    private static final CharSequence[] HIT_STATUS = new CharSequence[Tier.values().length];
    static {
        for (Tier tier : Tier.values()) {
            TIER_NAMES[tier.ordinal()] = HttpHeaders.createOptimized(tier.name());
            HIT_STATUS[tier.ordinal()] = HttpHeaders.createOptimized("perfsuite; hit; detail=" + tier.name());
        }
    }
    /** On the read's server span: which tier answered (or was the last one asked, on a miss), and whether it hit. */
    static final AttributeKey<String> TIER_ATTRIBUTE = AttributeKey.stringKey("cache.tier");
    static final AttributeKey<Boolean> HIT_ATTRIBUTE = AttributeKey.booleanKey("cache.hit");
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
        // no path on the route, the path parsed here: a regex or prefix route allocates its matcher, groups or
        // parameter map, and the request's parameters, for every read
        router.route().method(HttpMethod.GET).method(HttpMethod.HEAD).order(ORDER).handler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        int slash = path.startsWith(PREFIX) ? path.indexOf('/', PREFIX.length()) : -1;
        if (slash <= PREFIX.length() || slash == path.length() - 1) {
            ctx.next(); // not {namespace}/{key}: /v1/cache/stats and the like
            return;
        }
        String namespace = decoded(path.substring(PREFIX.length(), slash));
        String key = withoutTrailingSlashes(decoded(path.substring(slash + 1)));
        if ("warm".equals(key)) {
            ctx.next(); // the warm-job status of the namespace, served by WarmResource
            return;
        }
        HttpServerRequest request = ctx.request();
        ((HttpServerRequestInternal) request).context().putLocal("UrlPathTemplate", PATH_TEMPLATE);
        Namespace ns;
        try {
            ns = rules.namespace(namespace);
            if (!ns.publicRead()) {
                readAccess.require(request::getHeader, ns);
            }
            rules.checkKey("key", key);
        } catch (ProblemException e) {
            ProblemWriter.write(ctx.response(), e);
            return;
        }
        String bypassHeader = request.getHeader(BYPASS_HEADER);
        boolean bypass = bypassHeader != null && "l1".equalsIgnoreCase(bypassHeader);
        // taken here, on the request's context: the read may complete on a Redis callback
        Span span = Span.current();
        if (!bypass) {
            CacheEntry hit = cache.freshFromL1(ns, key);
            if (hit != null) {
                if (span.isRecording()) {
                    span.setAttribute(TIER_ATTRIBUTE, Tier.L1.name());
                    span.setAttribute(HIT_ATTRIBUTE, true);
                }
                answerHit(ctx, hit, Tier.L1, !cache.redisAvailable());
                return;
            }
        }
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

    /** A path segment as Vert.x hands path parameters over: percent-decoded, '+' kept. */
    private static String decoded(String segment) {
        return segment.indexOf('%') < 0 ? segment : URIDecoder.decodeURIComponent(segment, false);
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
        if (lookup.entry().isEmpty()) {
            HttpServerResponse response = ctx.response();
            if (lookup.degraded()) {
                response.putHeader(DEGRADED, TRUE);
            }
            response.putHeader(CACHE_STATUS, MISS_STATUS);
            ProblemWriter.write(response, NOT_FOUND);
            return;
        }
        answerHit(ctx, lookup.entry().get(), lookup.tier(), lookup.degraded());
    }

    private void answerHit(RoutingContext ctx, CacheEntry entry, Tier tier, boolean degraded) {
        HttpServerResponse response = ctx.response();
        if (degraded) {
            response.putHeader(DEGRADED, TRUE);
        }
        long ageSeconds = Math.max(0, (clock.millis() - entry.storedAt().toEpochMilli()) / 1000);
        response.putHeader(ETAG, entry.etag())
                .putHeader(AGE, Long.toString(ageSeconds))
                .putHeader(TIER, TIER_NAMES[tier.ordinal()])
                .putHeader(CACHE_STATUS, HIT_STATUS[tier.ordinal()]);
        if (matches(ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH), entry.etag())) {
            response.setStatusCode(304).end();
            return;
        }
        response.putHeader(CONTENT_TYPE, entry.contentType()).end(Buffer.buffer(entry.value()));
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
