package io.perfsuite.api.auth;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The API keys a service accepts, under {@code perfsuite.auth}. Secrets come from the environment or a mounted
 * Secret ({@code perfsuite.auth.api-keys.ops.secret=${OPS_API_KEY}}); none has a default.
 */
@ConfigMapping(prefix = "perfsuite.auth")
public interface ApiKeyConfig {

    /** Keys by name; the name is the principal of a request that presents the key. */
    Map<String, ApiKey> apiKeys();

    /** Roles that imply others, e.g. {@code admin=write,read}; followed transitively. */
    Map<String, List<String>> roleIncludes();

    /** Shortest secret accepted at start-up: a guessable key is a configuration error, not a runtime one. */
    @WithDefault("16")
    int minSecretLength();

    interface ApiKey {
        String secret();

        Set<String> roles();
    }
}
