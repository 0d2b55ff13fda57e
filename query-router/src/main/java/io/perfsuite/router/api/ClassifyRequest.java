package io.perfsuite.router.api;

/** Body of POST /v1/classify. */
public record ClassifyRequest(String sql) {
}
