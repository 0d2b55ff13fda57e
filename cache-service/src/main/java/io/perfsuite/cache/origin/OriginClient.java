package io.perfsuite.cache.origin;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.perfsuite.cache.freshness.CacheControl;
import io.perfsuite.cache.redaction.Redaction;
import io.smallrye.mutiny.Uni;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpClient;

/** Loads a missing key from a namespace's origin URL template. Anything but 200 or 404 is a failure. */
public class OriginClient {

    private final HttpClient client;
    private final Duration timeout;

    public OriginClient(Vertx vertx, Duration timeout) {
        this.timeout = timeout;
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
        return client.request(request)
                .chain(req -> req.send())
                .chain(response -> response.body().map(body -> {
                    int status = response.statusCode();
                    if (status == 404) {
                        return OriginResponse.notFound();
                    }
                    if (status != 200) {
                        throw new OriginFailureException(
                                "origin answered " + status + " for " + Redaction.redact(uri.toString()));
                    }
                    String type = response.getHeader("Content-Type");
                    return new OriginResponse(true, body.getBytes(), type == null ? "application/octet-stream" : type,
                            CacheControl.parseAll(response.headers().getAll("Cache-Control")));
                }));
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
