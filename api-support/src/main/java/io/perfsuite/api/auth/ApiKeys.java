package io.perfsuite.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.perfsuite.api.problem.ProblemException;

/**
 * Who a presented secret belongs to and what it may do. Used by the Quarkus Security mechanism for Jakarta REST
 * and directly by handlers outside it ({@link #require}).
 */
@Singleton
public class ApiKeys {

    public static final String API_KEY_HEADER = "X-API-Key";
    public static final String AUTHORIZATION_HEADER = "Authorization";
    static final String CHALLENGE = "Bearer realm=\"perfsuite\"";

    /** A key that matched: its configured name and every role it holds, implied ones included. */
    public record Identity(String name, Set<String> roles) {
        public boolean holds(String role) {
            return roles.contains(role);
        }
    }

    private record Key(String name, byte[] secret, Set<String> roles) {
    }

    private final List<Key> keys;

    @Inject
    public ApiKeys(ApiKeyConfig config) {
        this(secretsOf(config), config.roleIncludes(), config.minSecretLength());
    }

    /**
     * @param secrets key name to its secret and roles
     * @param includes roles that imply others
     */
    public ApiKeys(Map<String, Map.Entry<String, Set<String>>> secrets, Map<String, List<String>> includes,
            int minSecretLength) {
        List<Key> built = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        secrets.forEach((name, entry) -> {
            String secret = entry.getKey();
            if (secret == null || secret.isBlank()) {
                problems.add("perfsuite.auth.api-keys." + name + ".secret: must not be blank");
            } else if (secret.length() < minSecretLength) {
                problems.add("perfsuite.auth.api-keys." + name + ".secret: must be at least " + minSecretLength
                        + " characters");
            } else {
                built.add(new Key(name, secret.getBytes(StandardCharsets.UTF_8), closure(entry.getValue(), includes)));
            }
        });
        if (!problems.isEmpty()) {
            throw new IllegalStateException("invalid API key configuration: " + String.join("; ", problems));
        }
        this.keys = List.copyOf(built);
    }

    /** The secret a request presents: {@code X-API-Key} first, else an {@code Authorization: Bearer} token. */
    public static Optional<String> presentedSecret(UnaryOperator<String> header) {
        String apiKey = header.apply(API_KEY_HEADER);
        if (apiKey != null && !apiKey.isBlank()) {
            return Optional.of(apiKey.trim());
        }
        String authorization = header.apply(AUTHORIZATION_HEADER);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = authorization.substring(7).trim();
            return token.isEmpty() ? Optional.empty() : Optional.of(token);
        }
        return Optional.empty();
    }

    public Optional<Identity> authenticate(String secret) {
        byte[] presented = secret.getBytes(StandardCharsets.UTF_8);
        Key match = null;
        // compare with every key in constant time, so timing does not reveal how much of a secret matched
        for (Key key : keys) {
            if (MessageDigest.isEqual(presented, key.secret())) {
                match = key;
            }
        }
        return match == null ? Optional.empty() : Optional.of(new Identity(match.name(), match.roles()));
    }

    /**
     * Passes when the request presents a key holding {@code role}.
     *
     * @param header looks a request header up by name
     * @return the key's identity
     * @throws ProblemException 401 without a known key, 403 when the key lacks the role
     */
    public Identity require(UnaryOperator<String> header, String role) {
        String secret = presentedSecret(header).orElseThrow(() -> unauthorized(
                "an API key is required: send Authorization: Bearer <key> or X-API-Key: <key>"));
        Identity identity = authenticate(secret).orElseThrow(() -> unauthorized("unknown API key"));
        if (!identity.holds(role)) {
            throw forbidden(role);
        }
        return identity;
    }

    static ProblemException unauthorized(String detail) {
        return ProblemException.forField(401, "Authorization", "authenticated", detail)
                .withHeader("WWW-Authenticate", CHALLENGE);
    }

    static ProblemException forbidden(String role) {
        return ProblemException.forField(403, "Authorization", "role",
                role == null
                        ? "this API key lacks the role this call needs"
                        : "this API key lacks the " + role + " role");
    }

    private static Map<String, Map.Entry<String, Set<String>>> secretsOf(ApiKeyConfig config) {
        Map<String, Map.Entry<String, Set<String>>> secrets = new LinkedHashMap<>();
        config.apiKeys().forEach((name, key) -> secrets.put(name, Map.entry(key.secret(), key.roles())));
        return secrets;
    }

    private static Set<String> closure(Set<String> granted, Map<String, List<String>> includes) {
        Set<String> roles = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>(granted);
        while (!pending.isEmpty()) {
            String role = pending.pop().trim();
            if (!role.isEmpty() && roles.add(role)) {
                pending.addAll(includes.getOrDefault(role, List.of()));
            }
        }
        return Collections.unmodifiableSet(roles);
    }
}
