package io.perfsuite.api.auth;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A secret presented in {@code X-API-Key} or as a bearer token, waiting to be matched to a configured key. */
public final class ApiKeyAuthenticationRequest extends BaseAuthenticationRequest {

    private final String secret;

    public ApiKeyAuthenticationRequest(String secret) {
        this.secret = secret;
    }

    public String secret() {
        return secret;
    }

    @Override
    public String toString() {
        // never the secret: requests end up in debug logs
        return "ApiKeyAuthenticationRequest[secret=<redacted>]";
    }
}
