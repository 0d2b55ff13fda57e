package io.perfsuite.cache.api;

import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;

import io.perfsuite.api.auth.ApiKeys;
import io.perfsuite.cache.namespace.Namespace;

/**
 * The one rule that depends on the namespace, on top of the suite's API keys: reads of a namespace with
 * {@code public-read} need no key, every other read needs the read role. Everything else is {@code @RolesAllowed}.
 */
@ApplicationScoped
class ReadAccess {

    private final ApiKeys apiKeys;

    ReadAccess(ApiKeys apiKeys) {
        this.apiKeys = apiKeys;
    }

    /**
     * @param header looks a request header up by name
     * @throws io.perfsuite.api.problem.ProblemException 401 or 403 for a private namespace without a read key
     */
    void require(UnaryOperator<String> header, Namespace ns) {
        if (!ns.publicRead()) {
            apiKeys.require(header, CacheRoles.READ);
        }
    }
}
