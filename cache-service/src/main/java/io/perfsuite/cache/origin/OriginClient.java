package io.perfsuite.cache.origin;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.perfsuite.cache.freshness.CacheControl;
import io.perfsuite.cache.redaction.Redaction;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpClient;

/**
 * Loads a missing key from a namespace's origin URL template. Anything but 200 or 404 is a failure, and so is a body
 * over the configured cap: a partial body is never handed on, so it can never be cached.
 */
public class OriginClient {

    private final HttpClient client;
    private final Duration timeout;
    private final long maxBodyBytes;

    public OriginClient(Vertx vertx, Duration timeout, long maxBodyBytes) {
        this.timeout = timeout;
        this.maxBodyBytes = maxBodyBytes;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) timeout.toMillis())
                .setMaxPoolSize(64));
    }

    public Uni<OriginResponse> load(String template, String key) {
        URI uri = URI.create(template.replace("{key}", URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20")));
        // an explicit header map: the OpenTelemetry client instrumentation writes traceparent into it
        RequestOptions request = new RequestOptions()
                .setHeaders(MultiMap.caseInsensitiveMultiMap())
                .setMethod(HttpMethod.GET)
                .setAbsoluteURI(uri.toString())
                .setTimeout(timeout.toMillis());
        String shown = Redaction.redact(uri.toString());
        return Uni.createFrom().completionStage(() -> client.getDelegate().request(request)
                .compose(HttpClientRequest::send)
                .compose(response -> {
                    int status = response.statusCode();
                    if (status != 200 && status != 404) {
                        response.request().reset();
                        return Future.failedFuture(new OriginFailureException("origin answered " + status + " for " + shown));
                    }
                    return readCapped(response, shown).map(body -> status == 404
                            ? OriginResponse.notFound()
                            : new OriginResponse(true, body.getBytes(), contentType(response),
                                    CacheControl.parseAll(response.headers().getAll("Cache-Control"))));
                })
                .recover(failure -> Future.failedFuture(failed(shown, failure)))
                .toCompletionStage());
    }

    /** Any failure of a load is the origin's (a 502), never the cache's own (a 500). */
    private static OriginFailureException failed(String shown, Throwable failure) {
        if (failure instanceof OriginFailureException known) {
            return known;
        }
        return new OriginFailureException("origin load of " + shown + " failed: "
                + Redaction.redact(String.valueOf(failure.getMessage())));
    }

    /**
     * The body, or a failure as soon as it is known to exceed the cap: from {@code Content-Length} before reading, or
     * while a chunked body streams in. The connection is reset then, so the rest is never read.
     */
    private Future<Buffer> readCapped(HttpClientResponse response, String shown) {
        String length = response.getHeader("Content-Length");
        if (length != null && declaredTooLong(length)) {
            response.request().reset();
            return Future.failedFuture(tooLarge(shown));
        }
        Promise<Buffer> body = Promise.promise();
        Buffer received = Buffer.buffer();
        response.handler(chunk -> {
            if (received.length() + (long) chunk.length() > maxBodyBytes) {
                // fail first: the reset reports itself to the exception handler, which must not win
                body.tryFail(tooLarge(shown));
                response.handler(null);
                response.request().reset();
            } else {
                received.appendBuffer(chunk);
            }
        });
        response.exceptionHandler(failure -> body.tryFail(failed(shown, failure)));
        response.endHandler(done -> body.tryComplete(received));
        return body.future();
    }

    private boolean declaredTooLong(String contentLength) {
        try {
            return Long.parseLong(contentLength.trim()) > maxBodyBytes;
        } catch (NumberFormatException e) {
            return false; // an unreadable length: the streaming check still holds the cap
        }
    }

    private OriginFailureException tooLarge(String shown) {
        return new OriginFailureException("origin answer for " + shown + " is larger than the " + maxBodyBytes
                + "-byte cap (cache.origin.max-body-bytes); not cached");
    }

    private static String contentType(HttpClientResponse response) {
        String type = response.getHeader("Content-Type");
        return type == null ? "application/octet-stream" : type;
    }

    public void close() {
        client.closeAndAwait();
    }

    public static class OriginFailureException extends RuntimeException {
        public OriginFailureException(String message) {
            super(message);
        }
    }
}
