package io.perfsuite.cache.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response.Status;

import io.perfsuite.cache.config.CacheConfig;
import io.perfsuite.cache.config.CacheConfig.Role;
import io.perfsuite.cache.namespace.Namespace;

/** API keys from configuration: {@code Authorization: Bearer <secret>} or {@code X-API-Key: <secret>}. */
@ApplicationScoped
public class ApiKeyGuard {

    private final Map<String, CacheConfig.ApiKey> keys;

    ApiKeyGuard(CacheConfig config) {
        this.keys = config.auth().apiKeys();
    }

    /** Passes when the request's key holds {@code role}; reads of a public namespace need no key. */
    public void require(HttpHeaders headers, Namespace ns, Role role) {
        require(headers::getHeaderString, ns, role);
    }

    /** Passes when the request's key holds {@code role}, whatever the namespace (stats, admin endpoints). */
    public void require(HttpHeaders headers, Role role) {
        require(headers::getHeaderString, role);
    }

    /** The same check for handlers outside Jakarta REST; {@code header} looks a request header up by name. */
    public void require(UnaryOperator<String> header, Namespace ns, Role role) {
        if (role == Role.READ && ns.publicRead()) {
            return;
        }
        require(header, role);
    }

    private void require(UnaryOperator<String> header, Role role) {
        String secret = secret(header).orElseThrow(() -> new ProblemException(Status.UNAUTHORIZED,
                "an API key is required: send Authorization: Bearer <key> or X-API-Key"));
        Set<Role> granted = rolesOf(secret)
                .orElseThrow(() -> new ProblemException(Status.UNAUTHORIZED, "unknown API key"));
        if (granted.stream().noneMatch(r -> r.includes(role))) {
            throw new ProblemException(Status.FORBIDDEN, "this API key lacks the " + role + " role");
        }
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

    private Optional<Set<Role>> rolesOf(String secret) {
        byte[] presented = secret.getBytes(StandardCharsets.UTF_8);
        Set<Role> roles = null;
        // compare with every key, in constant time, so timing does not reveal how much of a secret matched
        for (CacheConfig.ApiKey key : keys.values()) {
            if (MessageDigest.isEqual(presented, key.secret().getBytes(StandardCharsets.UTF_8))) {
                roles = key.roles();
            }
        }
        return Optional.ofNullable(roles);
    }
}
