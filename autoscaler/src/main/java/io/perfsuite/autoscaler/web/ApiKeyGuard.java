package io.perfsuite.autoscaler.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response.Status;

import io.perfsuite.autoscaler.config.AutoscalerConfig;
import io.perfsuite.autoscaler.config.AutoscalerConfig.Role;

/** API keys from configuration: {@code Authorization: Bearer <secret>} or {@code X-API-Key: <secret>}. */
@ApplicationScoped
public class ApiKeyGuard {

    private final Map<String, AutoscalerConfig.ApiKey> keys;

    ApiKeyGuard(AutoscalerConfig config) {
        this.keys = config.auth().apiKeys();
    }

    public void require(HttpHeaders headers, Role role) {
        String secret = secret(headers).orElseThrow(() -> new ProblemException(Status.UNAUTHORIZED,
                "an API key is required: send Authorization: Bearer <key> or X-API-Key"));
        Set<Role> granted = rolesOf(secret)
                .orElseThrow(() -> new ProblemException(Status.UNAUTHORIZED, "unknown API key"));
        if (!granted.contains(role)) {
            throw new ProblemException(Status.FORBIDDEN, "this API key lacks the " + role + " role");
        }
    }

    private static Optional<String> secret(HttpHeaders headers) {
        String apiKey = headers.getHeaderString("X-API-Key");
        if (apiKey != null && !apiKey.isBlank()) {
            return Optional.of(apiKey.trim());
        }
        String authorization = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(authorization.substring(7).trim());
        }
        return Optional.empty();
    }

    private Optional<Set<Role>> rolesOf(String secret) {
        byte[] presented = secret.getBytes(StandardCharsets.UTF_8);
        Set<Role> roles = null;
        // compare with every key in constant time, so timing does not reveal how much of a secret matched
        for (AutoscalerConfig.ApiKey key : keys.values()) {
            if (MessageDigest.isEqual(presented, key.secret().getBytes(StandardCharsets.UTF_8))) {
                roles = key.roles();
            }
        }
        return Optional.ofNullable(roles);
    }
}
