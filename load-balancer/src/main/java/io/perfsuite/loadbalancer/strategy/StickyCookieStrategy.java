package io.perfsuite.loadbalancer.strategy;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import io.perfsuite.loadbalancer.endpoint.Endpoint;

/**
 * Sticky sessions by cookie: a request carrying the cookie goes back to the endpoint it names while that endpoint is
 * a candidate (available, not yet tried by this request); otherwise the fallback strategy chooses, and the response
 * sets the cookie to the new endpoint. The cookie holds an opaque token derived from the endpoint id, so it survives
 * restarts of the balancer and never shows a backend's address.
 */
public final class StickyCookieStrategy implements BalancingStrategy {

    public static final String NAME = "sticky-cookie";

    /** RFC 6265 cookie-name: a token. */
    private static final Pattern COOKIE_NAME = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+");

    private final String cookieName;
    private final BalancingStrategy fallback;

    public StickyCookieStrategy(String cookieName, BalancingStrategy fallback) {
        Objects.requireNonNull(cookieName, "cookieName");
        if (!validCookieName(cookieName)) {
            throw new IllegalArgumentException("sticky cookie name must be an RFC 6265 token, was '" + cookieName
                    + "'");
        }
        this.cookieName = cookieName;
        this.fallback = Objects.requireNonNull(fallback, "fallback");
        if (fallback instanceof StickyCookieStrategy) {
            throw new IllegalArgumentException("a sticky-cookie strategy cannot fall back to another one");
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Whether {@code name} may name the cookie: an RFC 6265 token. */
    public static boolean validCookieName(String name) {
        return name != null && COOKIE_NAME.matcher(name).matches();
    }

    public String cookieName() {
        return cookieName;
    }

    public BalancingStrategy fallback() {
        return fallback;
    }

    @Override
    public Endpoint choose(List<Endpoint> candidates, RequestAttributes request) {
        if (candidates.isEmpty()) {
            return null;
        }
        String token = request.cookie(cookieName);
        if (token != null) {
            for (Endpoint candidate : candidates) {
                if (token.equals(token(candidate))) {
                    return candidate;
                }
            }
        }
        return fallback.choose(candidates, request);
    }

    @Override
    public boolean pinned(Endpoint chosen, RequestAttributes request) {
        String token = request.cookie(cookieName);
        return token != null && token.equals(token(chosen));
    }

    @Override
    public void onResponse(Endpoint chosen, RequestAttributes request, ResponseDecorator response) {
        String token = token(chosen);
        if (!token.equals(request.cookie(cookieName))) {
            response.addHeader("Set-Cookie", cookieName + "=" + token + "; Path=/; HttpOnly; SameSite=Lax");
        }
        fallback.onResponse(chosen, request, response);
    }

    /** The cookie value that pins a request to {@code endpoint}. */
    public static String token(Endpoint endpoint) {
        return String.format("%016x", KeyHash.of(endpoint.id()));
    }
}
