package io.perfsuite.cache.api;

/**
 * The roles of cache-service's API keys ({@code perfsuite.auth.api-keys.<name>.roles}); each includes the ones before
 * it through {@code perfsuite.auth.role-includes} in application.properties.
 */
final class CacheRoles {

    /** Reads of a namespace without {@code public-read}, stats, warm progress. */
    static final String READ = "read";
    /** PUT, DELETE, batch-set, warm jobs. */
    static final String WRITE = "write";
    /** Invalidation by tag or prefix. */
    static final String ADMIN = "admin";

    private CacheRoles() {
    }
}
