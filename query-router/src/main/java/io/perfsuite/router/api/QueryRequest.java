package io.perfsuite.router.api;

import java.util.List;

/** Body of POST /v1/query. Everything but {@code sql} is optional. */
public record QueryRequest(String sql, List<Object> params, String consistency, Long maxStalenessMs,
        String consistencyToken, Long timeoutMs, Integer maxRows, Long cacheTtl) {
}
