package io.perfsuite.router.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.Optional;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response.Status;

import io.perfsuite.router.config.RouterConfig;
import io.perfsuite.router.config.RouterConfig.Role;
import io.perfsuite.router.problem.ProblemException;

/** API keys from configuration, sent as {@code X-API-Key: <secret>} or {@code Authorization: Bearer <secret>}. */
@ApplicationScoped
public class ApiKeyGuard {

    private final Collection<RouterConfig.ApiKey> keys;

    ApiKeyGuard(RouterConfig config) {
        this.keys = config.auth().apiKeys().values();
    }

    /** The role of the request's key, which must include {@code needed}. */
    public Role require(HttpHeaders headers, Role needed) {
        return require(headers::getHeaderString, needed);
    }

    /** The same check for a handler on the Vert.x router, given a header lookup. */
    public Role require(UnaryOperator<String> header, Role needed) {
        String secret = secret(header).orElseThrow(() -> ProblemException.of(Status.UNAUTHORIZED, "unauthenticated",
                "an API key is required: send X-API-Key: <key> or Authorization: Bearer <key>"));
        Role role = roleOf(secret)
                .orElseThrow(() -> ProblemException.of(Status.UNAUTHORIZED, "unauthenticated", "unknown API key"));
        if (!role.includes(needed)) {
            throw ProblemException.of(Status.FORBIDDEN, "forbidden",
                    "this API key has the " + role.name().toLowerCase() + " role; this needs "
                            + needed.name().toLowerCase());
        }
        return role;
    }

    private static Optional<String> secret(UnaryOperator<String> header) {
        String apiKey = header.apply("X-API-Key");
        if (apiKey != null && !apiKey.isBlank()) {
            return Optional.of(apiKey.trim());
        }
        String authorization = header.apply(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(authorization.substring(7).trim());
        }
        return Optional.empty();
    }

    private Optional<Role> roleOf(String secret) {
        byte[] presented = secret.getBytes(StandardCharsets.UTF_8);
        Role role = null;
        // compare with every key in constant time, so timing does not reveal how much of a secret matched
        for (RouterConfig.ApiKey key : keys) {
            if (MessageDigest.isEqual(presented, key.secret().getBytes(StandardCharsets.UTF_8))) {
                role = key.role();
            }
        }
        return Optional.ofNullable(role);
    }
}
