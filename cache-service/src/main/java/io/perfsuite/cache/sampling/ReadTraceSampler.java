package io.perfsuite.cache.sampling;

/**
 * Head sampling for key reads ({@code GET|HEAD /v1/cache/{namespace}/{key}}), the one call clients make at a rate where
 * the tracer's own per-request work (attributes, a span, context and MDC bookkeeping, even for a span the sampler then
 * drops) costs more than the L1 hit it describes.
 * <p>
 * A read carrying a W3C {@code traceparent} always goes to the tracer, which continues the caller's trace (or not,
 * by its sampled flag), so a trace that another service started never misses its cache hop. A read starting from
 * nothing starts a trace only for {@code rootRatio} of requests. Every other request (writes, invalidation, batch,
 * warm, stats) is traced as configured.
 */
public final class ReadTraceSampler {

    private static final String PREFIX = "/v1/cache/";

    private final double rootRatio;

    /** @param rootRatio share of key reads without trace context that start a trace, 0 to 1 */
    public ReadTraceSampler(double rootRatio) {
        if (!(rootRatio >= 0.0 && rootRatio <= 1.0)) {
            throw new IllegalArgumentException("rootRatio must be within [0, 1], was " + rootRatio);
        }
        this.rootRatio = rootRatio;
    }

    /**
     * @param traceparent the request's {@code traceparent} header, or null
     * @param random uniform in [0, 1), drawn by the caller for this request
     * @return true when the request goes to the tracer
     */
    public boolean shouldTrace(String method, String path, String traceparent, double random) {
        if (!isKeyRead(method, path)) {
            return true;
        }
        if (traceparent != null && !traceparent.isEmpty()) {
            return true;
        }
        return random < rootRatio;
    }

    static boolean isKeyRead(String method, String path) {
        if (!("GET".equals(method) || "HEAD".equals(method)) || path == null || !path.startsWith(PREFIX)) {
            return false;
        }
        int slash = path.indexOf('/', PREFIX.length());
        if (slash <= PREFIX.length() || slash == path.length() - 1) {
            return false; // /v1/cache/stats, or a namespace without a key
        }
        // the warm-job status shares the read's shape but is an operator's call
        return !path.regionMatches(slash + 1, "warm", 0, 4) || path.length() != slash + 5;
    }
}
